import type { Repeat, RunError, RunShard, SnapshotTally, StopReason } from '../model/events.js';
import type { Attempt, FlakeCause, TestStatus } from '../model/results.js';
import type { Flakiness } from '../history/flakiness.js';
import type { QuarantineEntry } from '../quarantine/quarantine-model.js';

/** An attempt as the run saw it: where and when it ran. */
export interface AttemptRecord extends Attempt {
  worker: number;
  /** ms after the run started */
  startMs: number;
  /** under `--repeat`: the repetition it belongs to (0-based) */
  repetition?: number;
}

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
  attempts: AttemptRecord[];
  /** for a flaky test: why it failed before it passed, where the attempts tell */
  flakeCause?: FlakeCause;
  /** its flip rate over the history and this run, when it has ever flipped */
  flakiness?: Flakiness;
  /** under `--repeat`: repetitions that ran, and how many of them passed outright (no retry) */
  repeat?: { runs: number; passed: number };
  /** collected, but the run stopped before it finished: status 'skipped', no attempts */
  notRun?: true;
  /** what the test wrote (its attempts together, capped: output-log.ts); absent when it wrote nothing */
  output?: TestOutput;
}

export interface TestOutput {
  stdout: string;
  stderr: string;
}

export interface WorkerStat {
  id: number;
  /** in a merged report: the shard the worker belonged to */
  shard?: number;
  /** in a --queue build's report: the job the worker belonged to */
  job?: string;
  busyMs: number;
  /** wall time the worker spent without a unit */
  idleMs: number;
  tasks: number;
  /** times its thread was replaced for having grown past --worker-idle-memory */
  recycled: number;
}

export interface FileStat {
  file: string;
  /** time its units kept workers busy */
  busyMs: number;
  units: number;
  /** ran as one whole, unfiltered unit to its end: busyMs is the file's own duration */
  whole: boolean;
  /** when whole: its test ids in declaration order */
  tests?: string[];
}

/** One unit of work on the timeline: a worker ran (part of) a file from start to end. */
export interface UnitSpan {
  worker: number;
  /** in a merged report: the shard whose worker it was */
  shard?: number;
  file: string;
  startMs: number;
  endMs: number;
}

/** One shard's part of a merged run: for the balance of the CI jobs (the shard issue's measure). */
export interface ShardStat {
  index: number;
  total: number;
  planId: string;
  wallMs: number;
  workers: number;
  tests: number;
}

/** How close the run came to perfect balance (the distribution issue's measure). */
export interface Balance {
  /** from the run's start to the last unit's end */
  makespanMs: number;
  /** max(sum of test time / workers, longest test) */
  idealMs: number;
  /** makespan / ideal; 1 is perfect */
  ratio: number;
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
  /** tests collected but left unfinished by a run that stopped early (not counted as skipped) */
  notRun: number;
  /** tests --grep left out (not in `total`): pytest's "deselected", Jest's and Vitest's filtered skips */
  deselected: number;
}

export interface RunReport {
  runId: string;
  startedAt: string;
  wallMs: number;
  workers: number;
  dist: string;
  shard: RunShard | null;
  interrupted: boolean;
  /** why the run ended before every test ran, or null */
  stoppedBy: StopReason | null;
  /** files (or parts of files) no worker started before the run stopped */
  notRunFiles: string[];
  summary: Summary;
  tests: TestRecord[];
  errors: RunError[];
  workerStats: WorkerStat[];
  fileStats: FileStat[];
  /** every unit each worker ran, in start order */
  timeline: UnitSpan[];
  balance: Balance;
  /** the run chose some tests only (--grep, paths, --last-failed): a test it did not report may still exist */
  filtered: boolean;
  /** in a report merged from shards: each shard's part (null for a single run) */
  shards: ShardStat[] | null;
  /** `--repeat`: how many times every test ran, and the shuffle's seed; null for one run */
  repeat: Repeat | null;
  /** what the run found in the quarantine list (null when the run did not look at one) */
  quarantine: QuarantineReview | null;
  snapshots: SnapshotSummary;
  /** how many tests the history listed for the files that did not load (absent without a history) */
  unloadedTests?: number;
}

/** the snapshot files' totals, as Jest's and Vitest's summaries give them */
export interface SnapshotSummary extends SnapshotTally {
  /** the files with obsolete snapshots (that -u would remove) */
  obsoleteFiles: string[];
}

export const NO_SNAPSHOTS: SnapshotSummary = { added: 0, updated: 0, matched: 0, unmatched: 0, obsolete: 0, removed: 0, obsoleteFiles: [] };

/** two snapshot totals (of files, runs or shards) as one */
export function addSnapshots(a: SnapshotSummary, b: SnapshotSummary): SnapshotSummary {
  const files = [...a.obsoleteFiles, ...b.obsoleteFiles];
  return {
    added: a.added + b.added,
    updated: a.updated + b.updated,
    matched: a.matched + b.matched,
    unmatched: a.unmatched + b.unmatched,
    obsolete: a.obsolete + b.obsolete,
    removed: a.removed + b.removed,
    obsoleteFiles: [...new Set(files)].sort(),
  };
}

export interface QuarantineReview {
  /** root-relative path of the quarantine file */
  file: string;
  mode: 'run' | 'skip';
  /** the entries of the tests this run reported */
  entries: QuarantineEntry[];
  /** entries past their expiry date */
  expired: QuarantineEntry[];
  /** entries whose test no longer exists */
  stale: QuarantineEntry[];
  /** entries `--auto-quarantine` added after this run */
  added: QuarantineEntry[];
}
