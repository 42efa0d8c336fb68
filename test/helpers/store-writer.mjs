// A process that saves into one history or quarantine file for as long as it lives, printing
// "saved <id>" only once a save has landed. The kill test starts many and kills them at random moments.
import { saveRun } from '../../dist/history/history-store.js';
import { updateQuarantine } from '../../dist/quarantine/quarantine-store.js';

const [kind, path, name] = process.argv.slice(2);
const save = {
  history: async (id) => {
    let failed = '';
    await saveRun(path, { tests: [{ id, file: 'f.test.ts', outcome: 'p', durationMs: 1 }], wholeFiles: [] }, (line) => (failed = line));
    if (failed) throw new Error(failed);
  },
  quarantine: (id) => updateQuarantine(path, [{ id, reason: 'kill test', added: '2026-11-23' }], []),
}[kind];
for (let i = 0; ; i++) {
  const id = `${name}-${i}`;
  try {
    await save(id);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`saved ${id}\n`);
}
