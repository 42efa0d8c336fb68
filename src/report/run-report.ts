import type { RunError } from '../model/events.js';
import type { Attempt, TestStatus } from '../model/results.js';

/** The one model of a finished (or interrupted) run that every report format reads. */
export interface TestRecord {
  id: string;
  file: string;
  /** describe blocks and test name, joined with ' > ' */
  name: string;
  titlePath: string[];
  status: TestStatus;
  quarantined: boolean;
  /** time spent on all attempts */
  durationMs: number;
  /** slot of the last attempt */
  worker: number;
  /** start of the first attempt, ms after the run started */
  startMs: number;
  attempts: Attempt[];
}

export interface WorkerStat {
  id: number;
  busyMs: number;
  tasks: number;
}

export interface Summary {
  total: number;
  passed: number;
  /** failed, timed out or crashed */
  failed: number;
  skipped: number;
  todo: number;
  flaky: number;
  quarantined: number;
  errors: number;
}

export interface RunReport {
  runId: string;
  startedAt: string;
  wallMs: number;
  workers: number;
  dist: string;
  shard: { index: number; total: number } | null;
  interrupted: boolean;
  summary: Summary;
  tests: TestRecord[];
  errors: RunError[];
  workerStats: WorkerStat[];
}
