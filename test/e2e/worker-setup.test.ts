import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, startCli } from '../helpers/run-cli.js';

/**
 * fixtures/worker-db: globalSetup makes a template SQLite database; setupWorker copies it into each
 * worker's sandbox (DATABASE_FILE); every file writes rows tagged with its worker and checks it
 * sees no other worker's rows, and listens on its worker's first port. The fixture's setups and
 * teardowns append to WORKER_DB_LOG, which the tests read.
 */
async function runWorkerDb(args: string[], env: Record<string, string> = {}) {
  const log = join(mkdtempSync(join(tmpdir(), 'ptest-wdb-')), 'log');
  const run = await runCli(['--root', fixture('worker-db'), ...args], { env: { WORKER_DB_LOG: log, ...env } });
  const lines = (() => {
    try {
      return readFileSync(log, 'utf8').trim().split('\n');
    } catch {
      return [];
    }
  })();
  return { ...run, lines };
}

describe('setupWorker and globalSetup (fixtures/worker-db)', () => {
  it('give each worker its own database and ports, set up once per slot inside one global setup', async () => {
    const run = await runWorkerDb(['-n', '3']);
    expect(run.report?.tests.filter((t) => t.status !== 'passed').map((t) => `${t.id}: ${t.attempts[0]?.error?.message}`)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.report?.summary).toMatchObject({ total: 20, passed: 20 });
    const slots = [0, 1, 2];
    expect(run.lines[0]).toBe('global setup');
    expect(run.lines.at(-1)).toBe('global teardown');
    expect(run.lines.filter((l) => l.startsWith('setup ')).sort()).toEqual(slots.map((s) => `setup ${s}`));
    // each teardown sees its own database with the seed row and only its own files' rows
    const teardowns = run.lines.filter((l) => l.startsWith('teardown '));
    expect(teardowns.map((l) => l.split(' ')[1]).sort()).toEqual(slots.map(String));
    const rows = teardowns.map((l) => Number(/rows=(\d+)/.exec(l)?.[1]));
    expect(rows.reduce((a, b) => a + b, 0)).toBe(3 + 6 * 5);
    // nothing the run opened outlived it
    expect(run.stderr).not.toContain('still open');
  });

  it('keep a slot’s database when its worker crashes and is replaced', async () => {
    const run = await runWorkerDb(['-n', '1'], { SEGFAULT_ONCE: '1' });
    expect(run.report?.tests.find((t) => t.status === 'crashed')?.file).toBe('segfault-when-asked.test.ts');
    expect(run.report?.summary.passed).toBe(19);
    expect(run.lines.filter((l) => l.startsWith('setup '))).toEqual(['setup 0']);
    // the replacement used the same database: every file's rows are in it (seed + 6 files x 5)
    expect(run.lines.filter((l) => l.startsWith('teardown '))).toEqual(['teardown 0 rows=31']);
  });

  it('a globalSetup that throws stops the run before any test, reported in every report', async () => {
    const run = await runWorkerDb(['-n', '2'], { FAIL_GLOBAL_SETUP: '1' });
    expect(run.code).toBe(1);
    expect(run.report?.errors).toEqual([
      expect.objectContaining({ file: 'global-setup.ts', message: 'globalSetup global-setup.ts failed: the template database could not be created' }),
    ]);
    expect(run.report?.summary.total).toBe(0);
    expect(run.report?.notRunFiles).toHaveLength(8);
    expect(run.stdout).toContain('globalSetup failed: 8 files did not run');
    expect(run.lines).toEqual([]);
  });

  it('a shard whose globalSetup throws still reports which shard it is, so a merge does not call it missing', async () => {
    const run = await runWorkerDb(['-n', '2', '--shard', '2/2'], { FAIL_GLOBAL_SETUP: '1' });
    expect(run.code).toBe(1);
    expect(run.report?.shard).toMatchObject({ index: 2, total: 2 });
  });

  it('a setupWorker that throws fails every file of that worker with its message, once per slot, and is still torn down', async () => {
    const run = await runWorkerDb(['-n', '2'], { FAIL_SETUP_WORKER: '1' });
    expect(run.code).toBe(1);
    const messages = run.report?.errors.map((e) => e.message) ?? [];
    expect(messages).toHaveLength(8);
    for (const message of messages) expect(message).toMatch(/^setupWorker setup-worker\.ts failed for worker [01]: no database for you$/);
    expect(run.lines.filter((l) => l.startsWith('setup ')).sort()).toEqual(['setup 0 failing', 'setup 1 failing']);
    expect(run.lines.filter((l) => l.startsWith('teardown ')).sort()).toEqual(['teardown 0 rows=0', 'teardown 1 rows=0']);
  });

  it('something globalSetup leaves open does not keep ptest alive, and is named', async () => {
    const run = await runWorkerDb(['-n', '2'], { LEAK_SERVER: '1' });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('ptest: something the run opened (a server or socket in globalSetup?) was still open 1 s after the run; exiting anyway');
  });

  it('an interrupted run still tears down each worker’s resources, then the global ones', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'ptest-wdb-')), 'log');
    const { child, exited, stdoutUntil } = startCli(['--root', fixture('worker-db'), '-n', '2', '--no-history'], { WORKER_DB_LOG: log, WAIT_FOR_SIGNAL: '1' });
    await stdoutUntil((stdout) => stdout.includes('waits-when-asked: waiting'));
    child.kill('SIGINT');
    expect(await exited).toBe(2);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    const setups = lines.filter((l) => l.startsWith('setup ')).map((l) => l.split(' ')[1]).sort();
    expect(lines.filter((l) => l.startsWith('teardown ')).map((l) => l.split(' ')[1]).sort()).toEqual(setups);
    expect(lines.at(-1)).toBe('global teardown');
  });
});
