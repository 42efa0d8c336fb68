import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/run-cli.js';

/** `npm start`'s suite: the report of the contract, on several workers, all green. */
describe('demo suite on 4 workers', () => {
  it('passes, spreads files over every worker, and writes a contract-shaped JSON report', async () => {
    const run = await runCli(['--root', fixture('demo'), '-n', '4']);
    expect(run.code).toBe(0);
    const report = run.report!;
    expect(report.schema).toBe('ptest-report/1');
    expect(report.workers).toBe(4);
    expect(report.summary).toMatchObject({ failed: 0, errors: 0, todo: 1, skipped: 1 });
    expect(report.summary.passed).toBeGreaterThan(100);
    expect(report.workerStats.map((w) => w.id)).toEqual([0, 1, 2, 3]);
    expect(report.workerStats.every((w) => w.tasks > 0 && w.busyMs > 0)).toBe(true);
    expect(report.workerStats.reduce((n, w) => n + w.tasks, 0)).toBe(12);
    expect(new Set(report.tests.map((t) => t.worker))).toEqual(new Set([0, 1, 2, 3]));
    for (const t of report.tests) {
      expect(t.id.startsWith(`${t.file} > `)).toBe(true);
      expect(t.startMs).toBeGreaterThanOrEqual(0);
      expect(t.startMs).toBeLessThanOrEqual(report.wallMs);
    }
    expect(new Date(report.startedAt).toISOString()).toBe(report.startedAt);
    expect(run.stdout).toMatch(/speed-up \d+\.\d\dx on 4 workers/);
  });
});
