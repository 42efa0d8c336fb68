import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli, testById, type CliResult } from '../helpers/run-cli.js';

/**
 * fixtures/crash: native crashes that take the whole process hosting the threads down, while the
 * other worker is in the middle of a slow test. The coordinator survives, finds the culprit by
 * running what was in flight again alone, and reports the bystanders by their own outcome.
 */
describe('a native crash in a test', () => {
  let run: CliResult;
  beforeAll(async () => {
    run = await runCli(['--root', fixture('crash'), '-n', '2', '--dist', 'static'], { junit: true });
  });
  const test = (id: string) => testById(run.report, id);

  it('a segfault: the test is crashed, with the signal and its last stderr lines', () => {
    expect(test('segfault.test.ts > says something on stderr, then segfaults')).toMatchObject({
      status: 'crashed',
      attempts: [{ status: 'crashed', error: { message: 'worker crashed: the worker process was killed by SIGSEGV; its last stderr lines:\n  last words before the crash' } }],
    });
  });

  it('a SIGABRT: the test is crashed, and the rest of its file runs in a new process', () => {
    expect(test('abort.test.ts > aborts the process').status).toBe('crashed');
    expect(test('abort.test.ts > aborts the process').attempts[0]?.error?.message).toMatch(/^worker crashed: the worker process was killed by SIGABRT/);
    expect(test('abort.test.ts > before the abort').status).toBe('passed');
    expect(test('abort.test.ts > after the abort').status).toBe('passed');
  });

  it('process.abort(), which Node refuses in a worker thread, is an ordinary failure', () => {
    expect(test('abort.test.ts > calls process.abort()')).toMatchObject({ status: 'failed', attempts: [{ error: { message: 'TypeError: process.abort() is not supported in workers' } }] });
  });

  it('the tests that were running beside a crash are not blamed: each reports its own outcome, once', () => {
    const bystanders = run.report?.tests.filter((t) => t.file === 'bystander.test.ts') ?? [];
    expect(bystanders.map((t) => [t.status, t.attempts.length])).toEqual(Array.from({ length: 6 }, () => ['passed', 1]));
  });

  it('the JUnit report is written too, with the crashed test as a failure of type crashed', () => {
    expect(XMLValidator.validate(run.junit ?? '')).toBe(true);
    expect(run.junit).toMatch(/<testcase classname="segfault\.test\.ts" name="says something on stderr, then segfaults"[^>]*>\n<failure message="worker crashed: the worker process was killed by SIGSEGV; its last stderr lines:" type="crashed">/);
  });

  it('the run goes on to the end: exit 1, every test counted, no unexplained crash', () => {
    expect(run.code).toBe(1);
    expect(run.report?.summary).toMatchObject({ total: 11, passed: 8, failed: 3, errors: 0 });
  });
});
