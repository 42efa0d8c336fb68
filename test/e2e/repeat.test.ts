import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, testById } from '../helpers/run-cli.js';

/** `--repeat` on fixtures/flaky: a steady test, and one that fails on the first run in each worker sandbox. */
const FLAKY = fixture('flaky');
const files = ['steady.test.ts', 'first-attempt.test.ts'].map((f) => join(FLAKY, f));
const STEADY = 'steady.test.ts > passes every time';
const FIRST = 'first-attempt.test.ts > fails once per run, then passes';

interface Repeated {
  repeat?: { runs: number; passed: number; passRate: number };
  attempts: { status: string; worker: number; repetition?: number }[];
}

describe('--repeat', () => {
  it('runs every test n times over the workers and reports each pass rate', async () => {
    const run = await runCli(['--root', FLAKY, '-n', '2', '--repeat', '4', '--seed', '11', ...files]);
    expect(run.code).toBe(1); // a flake hunt that finds one is red
    const steady = testById(run.report, STEADY) as unknown as Repeated & { status: string };
    expect(steady.status).toBe('passed');
    expect(steady.repeat).toEqual({ runs: 4, passed: 4, passRate: 1 });
    expect(steady.attempts.map((a) => a.repetition).sort()).toEqual([0, 1, 2, 3]);
    // it fails once in each worker's sandbox: once per worker that ran it, and passes the other times
    const first = testById(run.report, FIRST) as unknown as Repeated & { status: string };
    const workers = new Set(first.attempts.map((a) => a.worker)).size;
    expect(first.status).toBe('flaky');
    expect(first.repeat).toMatchObject({ runs: 4, passed: 4 - workers });
    expect(run.report?.summary).toMatchObject({ total: 2, passed: 1, flaky: 1, failed: 0 });
    expect((run.report as unknown as { repeat: unknown }).repeat).toEqual({ count: 4, seed: 11 });
    expect(run.stdout).toContain('Pass rates over 4 repetitions (--seed 11): 1 of 2 tests did not pass every time');
    expect(run.stdout).toMatch(new RegExp(`\\d+%\\s+${4 - workers}/4  ${FIRST}`));
  });

  it('runs the same order again from the same seed', async () => {
    const order = async (seed: string) => {
      const run = await runCli(['--root', FLAKY, '-n', '1', '--repeat', '3', '--seed', seed, ...files]);
      return (run.report as unknown as { timeline: { file: string }[] }).timeline.map((u) => u.file).join(',');
    };
    const [a, b] = await Promise.all([order('5'), order('5')]);
    expect(a).toBe(b);
    expect(a.split(',')).toHaveLength(6);
  });

  it('gives each repetition its own retries: a retried repetition is flaky, not a pass', async () => {
    const run = await runCli(['--root', FLAKY, '-n', '1', '--repeat', '3', '--reruns', '1', join(FLAKY, 'first-attempt.test.ts')]);
    const first = testById(run.report, FIRST) as unknown as Repeated & { status: string };
    // one worker: the first repetition to run fails, then passes on its retry; the others pass outright
    expect(first.attempts).toHaveLength(4);
    expect(first.repeat).toMatchObject({ runs: 3, passed: 2 });
    expect(first.status).toBe('flaky');
    expect(run.code).toBe(1);
  });

  it('passes when every repetition of every test passed', async () => {
    const run = await runCli(['--root', FLAKY, '-n', '2', '--repeat', '3', join(FLAKY, 'steady.test.ts')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Pass rates over 3 repetitions \(--seed \d+\): all 1 tests passed every time/);
  });

  it('rejects a repeat count that is not a whole number above 0', async () => {
    const run = await runCli(['--root', FLAKY, '--repeat', '0']);
    expect(run.code).toBe(4);
    expect(run.stderr.trim()).toBe("ptest: --repeat: expected a whole number above 0, got '0'");
  });
});
