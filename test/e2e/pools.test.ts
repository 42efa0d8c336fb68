import { describe, expect, it } from 'vitest';
import { fixture, REPO, runCli, testById } from '../helpers/run-cli.js';

/**
 * fixtures/pools: `--pool forks` gives each worker a process of its own, for suites that change
 * directory; in threads the same test fails with a message that names the flag.
 */
const run = (pool: string) => runCli(['--root', fixture('pools'), '-n', '1', '--dist', 'static', '--pool', pool], { env: { PTEST_EXPECTED_CWD: REPO } });

describe('--pool forks', () => {
  it('lets a test change directory, and the next file starts where the run started', async () => {
    const result = await run('forks');
    expect(result.report?.tests.map((t) => [t.id, t.status])).toEqual([
      ['chdir.test.ts > reads a file relative to the directory it moved to', 'passed'],
      ['later.test.ts > sees none of ptest\'s own flags in process.argv', 'passed'],
      ['later.test.ts > starts in the directory the run started in', 'passed'],
    ]);
    expect(result.code).toBe(0);
  });
});

describe('--pool threads', () => {
  it('fails process.chdir() with a message that names --pool forks, and hides ptest\'s flags from process.argv too', async () => {
    const result = await run('threads');
    const chdir = testById(result.report, 'chdir.test.ts > reads a file relative to the directory it moved to');
    expect(chdir.status).toBe('failed');
    expect(chdir.attempts[0]?.error?.message).toBe('process.chdir() is not supported in worker threads: run ptest with --pool forks');
    expect(testById(result.report, "later.test.ts > sees none of ptest's own flags in process.argv").status).toBe('passed');
    expect(result.code).toBe(1);
  });

  it('rejects an unknown pool with one line naming the flag', async () => {
    const result = await runCli(['--root', fixture('pools'), '--pool', 'vmThreads']);
    expect(result.code).toBe(4);
    expect(result.stderr.trim()).toMatch(/--pool <kind>' argument 'vmThreads' is invalid/);
  });
});
