import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli, type CliResult } from '../helpers/run-cli.js';

/**
 * fixtures/isolation: three test files import the same local module with a mutable counter (and a
 * JSON module they mutate, and process.env) and each expects to start fresh. With one worker they all run on the
 * same thread, one after another, so any local module state leaking between files fails them;
 * node_modules packages, in contrast, are shared by the files of a worker.
 */
describe('module isolation between files on one worker (fixtures/isolation)', () => {
  let run: CliResult;
  beforeAll(async () => {
    run = await runCli(['--root', fixture('isolation'), '-n', '1']);
  });

  it('gives every file fresh local modules: all tests pass, exit 0', () => {
    expect(run.report?.tests.filter((t) => t.status !== 'passed')).toEqual([]);
    expect(run.report?.errors).toEqual([]);
    expect(run.report?.summary).toMatchObject({ total: 15, passed: 15, failed: 0 });
    expect(run.code).toBe(0);
  });

  it('ran all three files on worker 0', () => {
    const files = new Set(run.report?.tests.map((t) => t.file));
    expect([...files].sort()).toEqual(['first.test.ts', 'second.test.ts', 'third.test.ts']);
    expect(new Set(run.report?.tests.map((t) => t.worker))).toEqual(new Set([0]));
    // one worker slot only (the other fields of workerStats are not this test's business)
    expect(run.report?.workerStats.map((w) => w.id)).toEqual([0]);
  });
});

/**
 * fixtures/global-state: the first file leaves state on globalThis, the second expects none. A
 * fresh worker per file (--isolate, the default under a Vitest or Jest config) keeps them apart.
 */
describe('--isolate: a fresh worker for every file (fixtures/global-state)', () => {
  const run = (...flags: string[]) => runCli(['--root', fixture('global-state'), '-n', '1', '--dist', 'static', ...flags]);

  it('is the default under a Vitest config: both files pass on one worker', async () => {
    const isolated = await run();
    expect(isolated.report?.summary).toMatchObject({ total: 2, passed: 2 });
    expect(new Set(isolated.report?.tests.map((t) => t.worker))).toEqual(new Set([0]));
    expect(isolated.code).toBe(0);
  });

  it('with --no-isolate the worker is reused, and the global reaches the second file', async () => {
    const shared = await run('--no-isolate');
    expect(shared.report?.tests.find((t) => t.file === 'b-expects-a-fresh-global.test.ts')?.status).toBe('failed');
    expect(shared.code).toBe(1);
  });
});

/**
 * fixtures/jest-registry, a Jest suite: the first file counts in a package's module state and leaves
 * globals and expect matchers behind, the second expects none of it, and checks it runs on the
 * first file's thread.
 * `--isolate modules` (the default under a Jest config) gives Jest's isolation on a reused worker.
 */
describe('--isolate modules: fresh packages and globals per file on a reused worker (fixtures/jest-registry)', () => {
  const run = (...flags: string[]) => runCli(['--root', fixture('jest-registry'), '-n', '1', '--dist', 'static', ...flags]);
  const failedIn = (result: CliResult) => result.report?.tests.filter((t) => t.status !== 'passed').map((t) => t.name) ?? [];

  it('is the default under a Jest config: every test passes, the second file on the first one\'s thread', async () => {
    const result = await run();
    expect(failedIn(result)).toEqual([]);
    expect(result.report?.summary).toMatchObject({ total: 7, passed: 7 });
    expect(result.code).toBe(0);
  });

  it('without it the package and the globals of the first file reach the second', async () => {
    const result = await run('--no-isolate');
    expect(failedIn(result).sort()).toEqual(['counts from one, whatever another file counted', "sees no global another file left, and Node's own as they were"]);
  });

  it('--isolate worker isolates as well, on a fresh thread per file', async () => {
    const result = await run('--isolate', 'worker');
    expect(failedIn(result)).toEqual(['runs on the thread that ran a-leaves-state']);
  });

  it('takes a path after a bare --isolate as a path, not as a mode', async () => {
    const result = await run('--isolate', 'fixtures/jest-registry/a-leaves-state.test.js');
    expect(result.report?.summary).toMatchObject({ total: 3, passed: 3 });
    expect(result.code).toBe(0);
  });
});

/**
 * fixtures/dom-timers, a jsdom Jest suite: the first file queues timers that read the window after
 * it ends, the second runs long enough on the same worker for them to come due; the third starts
 * a FileReader read in its afterAll, whose events come two immediates later.
 */
describe("a DOM file's timers end with its environment, as Jest's window takes them (fixtures/dom-timers)", () => {
  it("none runs after the file on a reused worker, and a FileReader's read the file started settles while its window is there: all pass, no error outside tests", async () => {
    const result = await runCli(['--root', fixture('dom-timers'), '-n', '1', '--dist', 'static']);
    expect(result.report?.errors).toEqual([]);
    expect(result.report?.summary).toMatchObject({ total: 3, passed: 3 });
    expect(result.code).toBe(0);
  });
});

/**
 * fixtures/kept-window, a jsdom suite with `isolate: false`: a package binds document.body when
 * the first DOM file loads it and registers an afterEach hook (as Testing Library does), a node
 * file runs in between, and a second DOM file uses it again.
 */
describe('--no-isolate keeps one window per worker, emptied between files (fixtures/kept-window)', () => {
  it("a package an earlier file loaded still holds the page, which comes empty at its first address, and its hook runs again: all pass", async () => {
    const result = await runCli(['--root', fixture('kept-window'), '-n', '1', '--dist', 'static']);
    expect(result.stderr).toContain('ptest: read vitest.config.js');
    expect(result.report?.tests.map((t) => [t.file, t.status])).toEqual([
      ['a-dom.test.js', 'passed'],
      ['a-dom.test.js', 'passed'],
      ['b-node.test.js', 'passed'],
      ['c-dom.test.js', 'passed'],
      ['c-dom.test.js', 'passed'],
      ['c-dom.test.js', 'passed'],
    ]);
    expect(result.code).toBe(0);
  });
});
