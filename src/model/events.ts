import type { FileNode } from './task-tree.js';
import type { Attempt } from './results.js';

/**
 * What the coordinator tells reporters, in order. Reporters and the aggregate consume only these;
 * they never see workers, the pool or the planner.
 */
/** `shard`: merging shard reports found one missing, twice, or planned differently */
export type ErrorKind = 'import' | 'collect' | 'hook' | 'uncaught' | 'teardown' | 'snapshot' | 'timeout' | 'crash' | 'internal' | 'shard' | 'queue';

/** what an import error's message may end with: this, then the modules that reached the failing one, a line each */
export const IMPORT_STACK = '\n\nImport stack:\n';

/** the message without its import stack: files that reach one failing module by other ways share the error */
export const withoutImportStack = (message: string): string => message.split(IMPORT_STACK)[0]!;

export interface RunError {
  /** root-relative file, or null when no file is to blame */
  file: string | null;
  kind: ErrorKind;
  message: string;
  stack?: string;
}

export interface TestRef {
  id: string;
  file: string;
  titlePath: string[];
  /** under `--repeat`: which repetition of the test this is (0-based); absent otherwise */
  repetition?: number;
}

/** `--repeat`: every test ran `count` times, units shuffled with `seed` */
export interface Repeat {
  count: number;
  seed: number;
}

/** `--shard`: which shard a run is, and the id of the partition every shard should share */
export interface RunShard {
  index: number;
  total: number;
  planId: string;
}

/** what a file's snapshots came to (Jest's and Vitest's snapshot summary); `removed`: obsolete ones -u took out */
export interface SnapshotTally {
  added: number;
  updated: number;
  matched: number;
  unmatched: number;
  obsolete: number;
  removed: number;
}

/** why a run ended before every test ran */
export type StopReason = 'bail' | 'interrupt' | 'restart-cap' | 'global-setup';

/** what a run that stopped early left undone */
export interface NotRun {
  /** collected by a worker, never finished */
  tests: { slot: number; test: TestRef }[];
  /** files (or parts of files) no worker started */
  files: string[];
}

export type RunEvent =
  | { type: 'run:start'; runId: string; startedAt: string; workers: number; dist: string; files: number; repeat?: Repeat; shard?: RunShard }
  /** `part`: the unit is one of the chunks a file was split into, which the other workers share */
  | { type: 'unit:start'; slot: number; file: string; atMs: number; part?: true }
  /** `deselected`: ids of the unit's tests that --grep left out */
  | { type: 'file:collected'; slot: number; tree: FileNode; deselected?: string[] }
  | { type: 'test:start'; slot: number; test: TestRef; atMs: number }
  /**
   * `retry`: this attempt failed and the test will be tried again (so it is not yet a failure);
   * `final`: no retry could help (the test never ran: the hook before it hung or crashed)
   */
  | { type: 'test:end'; slot: number; test: TestRef; attempt: Attempt; startMs: number; retry?: true; final?: true }
  /** `whole`: the unit was the entire file, unfiltered, and ran to its end */
  | { type: 'unit:end'; slot: number; file: string; atMs: number; busyMs: number; whole: boolean }
  | { type: 'worker:lost'; slot: number; reason: string }
  /** what a test file wrote to stdout or stderr; `test`: the test that wrote it (none: the file's import or its beforeAll/afterAll) */
  | { type: 'output'; slot: number; file: string; test?: TestRef; stream: 'stdout' | 'stderr'; text: string }
  /** a file's snapshot file, once the file ran (nothing when it took and had no snapshots) */
  | { type: 'snapshots'; slot: number; file: string; tally: SnapshotTally }
  /** the slot's thread was replaced between units because its heap had grown past the limit */
  | { type: 'worker:recycled'; slot: number; heapUsedBytes: number }
  | { type: 'error'; error: RunError }
  | { type: 'run:end'; wallMs: number; interrupted: boolean; stoppedBy: StopReason | null; notRun: NotRun };
