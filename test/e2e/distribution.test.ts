import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, fixture, runCli, type CliResult } from '../helpers/run-cli.js';

/**
 * fixtures/distribution: one file holds most of the work. The first run has no history and runs it
 * whole; the second run's work stealer splits it into chunks across workers.
 */
const root = fixture('distribution');
const BIG = 'big.test.ts > big > step';

describe('distribution with a history', () => {
  const history = join(mkdtempSync(join(tmpdir(), 'ptest-dist-')), 'history.json');
  const args = ['--root', root, '-n', '4', '--history', history];
  let first: CliResult;
  let second: CliResult;
  beforeAll(async () => {
    first = await runCli(args, { history: true });
    second = await runCli(args, { history: true });
  });

  it('runs a file with no history whole, on one worker', () => {
    expect(first.code).toBe(0);
    const workers = new Set(first.report!.tests.filter((t) => t.id.startsWith(BIG)).map((t) => t.worker));
    expect(workers.size).toBe(1);
  });

  it('writes a history with every test and the whole files’ durations', () => {
    const saved = JSON.parse(readFileSync(history, 'utf8'));
    expect(saved).toMatchObject({ version: 1, tool: 'ptest' });
    expect(Object.keys(saved.tests)).toHaveLength(22);
    expect(saved.files['big.test.ts'].tests).toHaveLength(16);
    expect(saved.files['big.test.ts'].durations[0]).toBeGreaterThan(16 * 150);
    expect(saved.tests[`${BIG} 00`].durations).toHaveLength(2);
  });

  it('splits the big file over several workers on the second run, each chunk with its own beforeAll', () => {
    expect(second.code).toBe(0); // every test asserts its chunk ran beforeAll once, on its own worker
    const big = second.report!.tests.filter((t) => t.id.startsWith(BIG));
    expect(big).toHaveLength(16);
    expect(big.every((t) => t.status === 'passed' && t.attempts.length === 1)).toBe(true);
    expect(new Set(big.map((t) => t.worker)).size).toBeGreaterThan(1);
    expect(second.report!.summary).toMatchObject({ total: 22, passed: 22 });
  });

  it('reports balance and per-worker idle time', () => {
    const { balance, workerStats } = second.report as unknown as { balance: { makespanMs: number; idealMs: number; ratio: number }; workerStats: { idleMs: number }[] };
    expect(balance.idealMs).toBeGreaterThanOrEqual((16 * 150 + 6 * 100) / 4);
    expect(balance.ratio).toBeCloseTo(balance.makespanMs / balance.idealMs, 2);
    expect(workerStats.every((w) => w.idleMs >= 0)).toBe(true);
  });

  it('`ptest plan` shows the chunks per worker with expected finish times, and runs nothing', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'plan', ...args], { env: { ...process.env, CI: '1' } });
    expect(stdout).toMatch(/^ptest plan: 7 files as \d+ units on 4 workers \(--dist steal, history /);
    expect(stdout).toMatch(/big\.test\.ts#1\/\d+ \(\d+ tests\)/);
    expect(stdout).toMatch(/big\.test\.ts#\d+\/\d+ \(the rest of the file\)/);
    expect(stdout.match(/^w\d  expected to finish at \d+\.\d\d s/gm)).toHaveLength(4);
    expect(stdout).toMatch(/expected makespan \d+\.\d\d s · ideal \d+\.\d\d s · makespan\/ideal \d\.\d\d/);
    const saved = JSON.parse(readFileSync(history, 'utf8'));
    expect(saved.tests[`${BIG} 00`].durations).toHaveLength(2); // plan did not run or record anything
  });

  it('keeps whole files under -u, so no two chunks rewrite one snapshot file at once', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'plan', ...args, '-u'], { env: { ...process.env, CI: '1' } });
    expect(stdout).toMatch(/^ptest plan: 7 files as 7 units on 4 workers/);
    expect(stdout).not.toMatch(/big\.test\.ts#/);
  });

  /** a copy of the fixture, with its own copy of the history (the run rewrites it) and big.test.ts edited */
  function editedCopy(edit: (source: string) => string): { copy: string; copied: string } {
    const copy = mkdtempSync(join(tmpdir(), 'ptest-dist-edited-'));
    cpSync(root, copy, { recursive: true });
    const copied = join(copy, 'history.json');
    cpSync(history, copied);
    const big = join(copy, 'big.test.ts');
    writeFileSync(big, edit(readFileSync(big, 'utf8')));
    return { copy, copied };
  }

  it('reports a split file that cannot be imported once, not once per chunk', async () => {
    const { copy, copied } = editedCopy((source) => `import './gone.js';\n${source}`);
    const plan = await promisify(execFile)(process.execPath, [BIN, 'plan', '--root', copy, '-n', '4', '--history', copied]);
    expect(plan.stdout).toMatch(/big\.test\.ts#/);
    const run = await runCli(['--root', copy, '-n', '4', '--history', copied], { history: true });
    expect(run.report!.errors.filter((e) => e.file === 'big.test.ts').map((e) => e.kind)).toEqual(['import']);
  });

  it('never splits a file with a describe.serial block: its tests run in order on one worker, and stop at the first failure', async () => {
    const { copy, copied } = editedCopy((source) => source.replace("describe('big'", "describe.serial('big'").replace('await sleep(150);', "await sleep(150);\n      if (i === 3) throw new Error('step 03 broke');"));
    const plan = await promisify(execFile)(process.execPath, [BIN, 'plan', '--root', copy, '-n', '4', '--history', copied]);
    expect(plan.stdout).not.toMatch(/big\.test\.ts#/);
    const shards = await promisify(execFile)(process.execPath, [BIN, 'plan', '--root', copy, '--shard', '1/4', '--history', copied]);
    expect(shards.stdout).not.toMatch(/big\.test\.ts#/);
    const run = await runCli(['--root', copy, '-n', '4', '--history', copied], { history: true });
    const steps = run.report!.tests.filter((t) => t.id.startsWith(BIG));
    expect(steps.map((t) => t.status)).toEqual([...Array(3).fill('passed'), 'failed', ...Array(12).fill('skipped')]);
    expect(new Set(steps.filter((t) => t.status !== 'skipped').map((t) => t.worker)).size).toBe(1);
  });

  it('never splits a file with concurrent tests: they start together on one worker, as in Vitest', async () => {
    const { copy, copied } = editedCopy((source) => source.replace("it(`step", "it.concurrent(`step"));
    const plan = await promisify(execFile)(process.execPath, [BIN, 'plan', '--root', copy, '-n', '4', '--history', copied]);
    expect(plan.stdout).toMatch(/big\.test\.ts/);
    expect(plan.stdout).not.toMatch(/big\.test\.ts#/);
  });

  it('keeps every new snapshot that chunks of one file write at once to its .snap file', async () => {
    const { copy, copied } = editedCopy((source) => source.replace('await sleep(150);', 'await sleep(150);\n      expect({ step: i }).toMatchSnapshot();'));
    // not CI: a missing snapshot is written
    const run = await runCli(['--root', copy, '-n', '4', '--history', copied], { history: true, env: { CI: 'false' } });
    expect(run.code).toBe(0);
    expect(new Set(run.report!.tests.filter((t) => t.id.startsWith(BIG)).map((t) => t.worker)).size).toBeGreaterThan(1);
    expect(run.report!.snapshots?.added).toBe(16);
    const stored = readFileSync(join(copy, '__snapshots__', 'big.test.ts.snap'), 'utf8');
    expect(stored.match(/^exports\[/gm)).toHaveLength(16);
  });

  it('keeps whole files with --dist duration', async () => {
    const run = await runCli([...args, '--dist', 'duration'], { history: true });
    const workers = new Set(run.report!.tests.filter((t) => t.id.startsWith(BIG)).map((t) => t.worker));
    expect(workers.size).toBe(1);
    expect(run.report!.dist).toBe('duration');
  });
});
