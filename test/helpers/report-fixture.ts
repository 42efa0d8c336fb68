import type { RunError } from '../../src/model/events.js';
import type { Attempt } from '../../src/model/results.js';
import { summarize } from '../../src/report/aggregate.js';
import { NO_SNAPSHOTS, type AttemptRecord, type RunReport, type TestRecord } from '../../src/report/run-report.js';

/** Hand-made reports for reporter tests: only what a test sets differs from a plain 2-worker run. */
export function reportOf(tests: TestRecord[], extra: Partial<RunReport> & { errors?: RunError[] } = {}): RunReport {
  const errors = extra.errors ?? [];
  return {
    runId: 'r', startedAt: '2026-11-23T00:00:00.000Z', wallMs: 1000, workers: 2, dist: 'steal', shard: null, interrupted: false, stoppedBy: null, notRunFiles: [],
    summary: summarize(tests, errors.length), tests, errors, workerStats: [], fileStats: [], timeline: [], filtered: false, shards: null, repeat: null, balance: { makespanMs: 1, idealMs: 1, ratio: 1 }, quarantine: null, snapshots: NO_SNAPSHOTS,
    ...extra,
  };
}

/** attempts as run one after another on worker 0 from the run's start */
export function placed(attempts: readonly Attempt[], worker = 0): AttemptRecord[] {
  let startMs = 0;
  return attempts.map((attempt) => {
    const record = { ...attempt, worker, startMs };
    startMs += attempt.durationMs;
    return record;
  });
}
