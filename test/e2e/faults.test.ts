import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli, testById, type CliResult } from '../helpers/run-cli.js';

/**
 * fixtures/faults: one file per way a test file can misbehave. Each fault is reported where it
 * happened, and every other test still runs and is reported.
 */
/** How a worker that exits is described: a thread by piscina, a forked worker by its process. */
const EXITED = { threads: 'worker exited with code: ', forks: 'the worker process exited with code ' };

describe.each(['threads', 'forks'] as const)('faults a run survives (--pool %s)', (pool) => {
  let run: CliResult;
  beforeAll(async () => {
    run = await runCli(['--root', fixture('faults'), '-n', '2', '--timeout', '1000', '--pool', pool]);
  });
  const status = (id: string) => testById(run.report, id).status;
  const message = (id: string) => testById(run.report, id).attempts[0]?.error?.message;
  const errorOf = (file: string) => run.report?.errors.filter((e) => e.file === file);

  it('process.exit() in a test: that test crashed, its neighbours ran on a new worker', () => {
    expect(status('exit-in-test.test.ts > calls process.exit')).toBe('crashed');
    expect(message('exit-in-test.test.ts > calls process.exit')).toBe(`worker crashed: ${EXITED[pool]}3`);
    expect(status('exit-in-test.test.ts > before the exit')).toBe('passed');
    expect(status('exit-in-test.test.ts > after the exit')).toBe('passed');
  });

  it('process.exit() at import: an error naming the file', () => {
    expect(errorOf('exit-at-import.test.ts')).toEqual([{ file: 'exit-at-import.test.ts', kind: 'crash', message: `while importing: worker crashed: ${EXITED[pool]}4` }]);
  });

  it('an infinite loop in a beforeAll fails the tests under it, and only those', () => {
    expect(status('spin-in-hook.test.ts > stuck setup > needs the setup')).toBe('failed');
    expect(message('spin-in-hook.test.ts > stuck setup > needs the setup')).toBe('not run: the worker timed out in a beforeAll hook of "stuck setup"');
    expect(status('spin-in-hook.test.ts > outside the stuck describe')).toBe('passed');
    expect(errorOf('spin-in-hook.test.ts')?.map((e) => e.kind)).toEqual(['timeout']);
  });

  it('an infinite loop at import: a timeout error naming the file', () => {
    expect(errorOf('spin-at-import.test.ts')).toEqual([
      { file: 'spin-at-import.test.ts', kind: 'timeout', message: 'while importing: importing the file blocked its worker for over 10000 ms; the thread was terminated' },
    ]);
  });

  it('a throw from a timer fails the test running when it fires, without killing the thread', () => {
    expect(status('late-timer.test.ts > schedules a throw for later')).toBe('passed');
    expect(status('late-timer.test.ts > is running when the timer fires')).toBe('failed');
    expect(message('late-timer.test.ts > is running when the timer fires')).toBe('thrown by a timer after its test ended');
    expect(status('late-timer.test.ts > runs after the timer')).toBe('passed');
  });

  it('an unhandled rejection fails the test that left it', () => {
    expect(status('unhandled-rejection.test.ts > leaves a rejected promise unhandled')).toBe('failed');
    expect(message('unhandled-rejection.test.ts > leaves a rejected promise unhandled')).toBe('nobody handles this');
    expect(status('unhandled-rejection.test.ts > runs after the rejection')).toBe('passed');
  });

  it('a syntax error and a rejecting top-level await are import errors naming the file', () => {
    expect(errorOf('syntax-error.test.ts')).toEqual([{ file: 'syntax-error.test.ts', kind: 'import', message: 'syntax-error.test.ts:4:12: Unexpected ";"' }]);
    expect(errorOf('rejecting-tla.test.ts')).toEqual([{ file: 'rejecting-tla.test.ts', kind: 'import', message: 'top-level await rejected' }]);
  });

  it('leaves the innocent file alone, exits 1 and counts everything', () => {
    expect(status('fine.test.ts > is unaffected by its neighbours')).toBe('passed');
    expect(run.code).toBe(1);
    expect(run.report?.summary).toMatchObject({ total: 11, passed: 7, failed: 4, errors: 5 });
  });
});

/** fixtures/late-error: a file whose timer throws after it finished, beside a slow file. */
describe.each([
  ['one worker: the error arrives while the slow file runs on the same thread', ['-n', '1']],
  ['two workers: the error arrives while its thread is idle', ['-n', '2']],
])('an error thrown after its file finished, %s', (_name, workers) => {
  it('is reported as that file’s error and fails no test', async () => {
    const run = await runCli(['--root', fixture('late-error'), '--dist', 'static', ...workers]);
    expect(run.report?.errors).toEqual([{ file: 'leaves-timer.test.ts', kind: 'uncaught', message: 'uncaught after its file finished: thrown after its file finished' }]);
    expect(run.report?.tests.map((t) => t.status)).toEqual(['passed', 'passed']);
    expect(run.code).toBe(1);
  });
});

/** fixtures/memory: a test that allocates without end, under --max-worker-memory. */
describe('a worker that runs out of memory', () => {
  it.each([
    ['threads', 'thread'],
    ['forks', 'process'],
  ])('reports the test crashed by memory, replaces the worker, and runs the rest (--pool %s)', async (pool, worker) => {
    const run = await runCli(['--root', fixture('memory'), '-n', '2', '--max-worker-memory', '64', '--timeout', '30000', '--pool', pool]);
    const hog = testById(run.report, 'hog.test.ts > keeps allocating until the heap is full');
    expect(hog.status).toBe('crashed');
    expect(hog.attempts[0]?.error?.message).toBe(`worker crashed: out of memory: the ${worker} reached its 64 MB heap limit (--max-worker-memory)`);
    expect(testById(run.report, 'hog.test.ts > runs after the hog, on a fresh thread').status).toBe('passed');
    expect(testById(run.report, 'light.test.ts > needs little memory').status).toBe('passed');
    expect(run.code).toBe(1);
  });

  it('rejects a limit that is not a whole number of MB', async () => {
    const run = await runCli(['--root', fixture('memory'), '--max-worker-memory', 'lots'], { json: false });
    expect(run.code).toBe(4);
    expect(run.stderr.trim()).toBe("ptest: --max-worker-memory: expected a whole number above 0, got 'lots'");
  });
});

/** fixtures/recycle: three files that each leak ~40 MB onto their thread's global object. */
describe('a worker whose heap grows between files', () => {
  it.each(['threads', 'forks'])('is replaced before its next file with --worker-idle-memory, so no file inherits the leak (--pool %s)', async (pool) => {
    const run = await runCli(['--root', fixture('recycle'), '-n', '1', '--worker-idle-memory', '30', '--pool', pool]);
    expect(run.report?.tests.map((t) => t.status)).toEqual(['passed', 'passed', 'passed']);
    expect(run.report?.workerStats).toMatchObject([{ id: 0, tasks: 3, recycled: 2 }]);
    expect(run.code).toBe(0);
  });

  it('keeps its thread without it, and the later files see the leak', async () => {
    const run = await runCli(['--root', fixture('recycle'), '-n', '1']);
    expect(run.report?.summary).toMatchObject({ passed: 1, failed: 2 });
    expect(run.report?.workerStats).toMatchObject([{ id: 0, tasks: 3, recycled: 0 }]);
  });
});
