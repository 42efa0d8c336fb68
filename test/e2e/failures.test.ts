import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli, testById, type CliResult } from '../helpers/run-cli.js';

/** fixtures/failing: an assertion failure in a .ts file, two files that cannot be imported, one that cannot be cleaned up after, one with no test, one good file. */
describe('failures are reported where they happen', () => {
  let run: CliResult;
  beforeAll(async () => {
    run = await runCli(['--root', fixture('failing'), '-n', '2']);
  });

  it('exits 1 and still runs the good tests', () => {
    expect(run.code).toBe(1);
    expect(testById(run.report, 'fine.test.ts > passes').status).toBe('passed');
    expect(testById(run.report, 'math.test.ts > add > adds points').status).toBe('passed');
  });

  it('reports a failing assertion in a .ts file at its .ts line, with expect’s diff', () => {
    const failed = testById(run.report, 'math.test.ts > add > is wrong on purpose');
    expect(failed.status).toBe('failed');
    expect(failed.attempts[0]?.error?.message).toContain('expect(received).toEqual(expected)');
    expect(failed.attempts[0]?.error?.stack).toMatch(/fixtures\/failing\/math\.test\.ts:17:17/);
    expect(run.stdout).toContain('at math.test.ts:17:17');
    expect(run.stdout).toMatch(/> 17 \|\s+expect\(sum\)\.toEqual/);
    expect(run.stdout).toMatch(/-\s+"y": 3,\n.*\+\s+"y": 2,/);
  });

  it('turns files that fail to import into errors naming the file, not a crash', () => {
    expect(run.report?.errors.filter((e) => e.kind === 'import')).toEqual([
      { file: 'missing-import.test.ts', kind: 'import', message: 'missing-import.test.ts:2:24: Could not resolve "./does-not-exist"' },
      { file: 'throws-at-import.test.ts', kind: 'import', message: 'boom at import time' },
    ]);
    expect(run.report?.summary).toMatchObject({ total: 4, passed: 3, failed: 1, errors: 4 });
  });

  it('fails a file that defines no test, as Jest and Vitest do', () => {
    expect(run.report?.errors.filter((e) => e.kind === 'collect')).toEqual([{ file: 'no-tests.test.ts', kind: 'collect', message: 'no test found in this file' }]);
  });

  it('blames a spy that cannot be restored after its file on that file, as a teardown error', () => {
    expect(testById(run.report, 'leaves-a-frozen-spy.test.ts > spies, then freezes what it spied on').status).toBe('passed');
    const teardown = run.report?.errors.filter((e) => e.kind === 'teardown');
    expect(teardown).toEqual([{ file: 'leaves-a-frozen-spy.test.ts', kind: 'teardown', message: expect.stringMatching(/^cleaning up after the file failed: .*read.only property 'locale'/) }]);
  });

  it('ends the output with the verdict line', () => {
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('3 passed, 1 failed, 4 errors');
  });
});

describe('a node_modules that is a symlink to a folder elsewhere', () => {
  it('still points a failure at the test file, not at a file beside the link\'s target', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ptest-linked-modules-'));
    cpSync(join(fixture('failing'), 'math.test.ts'), join(root, 'math.test.ts'));
    const store = join(root, 'store', 'deep', 'node_modules');
    mkdirSync(join(store, 'ptest', '..'), { recursive: true });
    symlinkSync(fixture('..'), join(store, 'ptest'));
    symlinkSync(store, join(root, 'node_modules'));
    const run = await runCli(['--root', root, '-n', '1']);
    expect(testById(run.report, 'math.test.ts > add > is wrong on purpose').status).toBe('failed');
    expect(run.stdout).toContain('at math.test.ts:17:17');
  });
});
