import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, REPO, runCli, startCli, testById } from '../helpers/run-cli.js';

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

  it('a forked worker stuck in a synchronous loop is killed when its coordinator dies', async () => {
    const { child } = startCli(['--root', fixture('timeout'), '-n', '1', '--pool', 'forks', '--timeout', '60000', join(fixture('timeout'), 'spin.test.ts')]);
    let worker: number | undefined;
    try {
      // the coordinator's forked worker, once it has spent half a second of CPU in the loop
      worker = await until(() => childrenOf(child.pid!).find((pid) => cpuSeconds(pid) > 0.5));
      child.kill('SIGKILL');
      await until(() => (alive(worker!) ? undefined : true));
    } finally {
      child.kill('SIGKILL');
      if (worker !== undefined && alive(worker)) process.kill(worker, 'SIGKILL');
    }
  });
});

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map(Number).filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

/** /proc/<pid>/stat: user and system time, in clock ticks (100 a second on Linux) */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** not exited, nor exited and waiting to be reaped */
function alive(pid: number): boolean {
  try {
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function until<T>(value: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = value();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

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
