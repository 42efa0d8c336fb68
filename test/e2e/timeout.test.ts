import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli, testById, type CliResult } from '../helpers/run-cli.js';

/** fixtures/timeout: a synchronous infinite loop, an async hang, and a good file, with --timeout 1000. */
describe('timeouts', () => {
  let run: CliResult;
  beforeAll(async () => {
    run = await runCli(['--root', fixture('timeout'), '-n', '2', '--timeout', '1000']);
  });

  it('reports a synchronous infinite loop as timedOut, by terminating its thread', () => {
    const spin = testById(run.report, 'spin.test.ts > spins forever');
    expect(spin.status).toBe('timedOut');
    expect(spin.attempts[0]?.error?.message).toBe('the test blocked its worker for over 1000 ms; the thread was terminated');
    expect(run.stdout).toMatch(/worker \d replaced/);
  });

  it('runs the rest of the file after the loop, on a fresh thread', () => {
    expect(testById(run.report, 'spin.test.ts > after the loop').status).toBe('passed');
    expect(testById(run.report, 'spin.test.ts > before the loop').status).toBe('passed');
  });

  it('times out an async hang in the worker itself, pointing at the test, and goes on', () => {
    const hang = testById(run.report, 'hang.test.ts > waits forever');
    expect(hang.status).toBe('timedOut');
    expect(hang.attempts[0]?.error?.message).toBe('Test timed out after 1000 ms');
    expect(hang.attempts[0]?.error?.stack).toMatch(/hang\.test\.ts:3:1/);
    expect(testById(run.report, 'hang.test.ts > still runs after an async timeout').status).toBe('passed');
  });

  it('lets the other files pass and exits 1', () => {
    expect(testById(run.report, 'ok.test.ts > is fine').status).toBe('passed');
    expect(run.report?.summary).toMatchObject({ total: 6, passed: 4, failed: 2 });
    expect(run.code).toBe(1);
  });
});
