// A process that saves runs into one history file for as long as it lives, printing "saved <id>"
// only once a save has landed. The kill test starts many and kills them at random moments.
import { saveRun } from '../../dist/history/history-store.js';

const [path, name] = process.argv.slice(2);
for (let i = 0; ; i++) {
  const id = `${name}-${i}`;
  let failed = '';
  await saveRun(path, { tests: [{ id, file: 'f.test.ts', outcome: 'p', durationMs: 1 }], wholeFiles: [] }, (line) => (failed = line));
  if (failed) {
    process.stderr.write(`${failed}\n`);
    process.exit(1);
  }
  process.stdout.write(`saved ${id}\n`);
}
