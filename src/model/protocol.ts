import type { CompatSettings } from './compat.js';
import type { FileNode } from './task-tree.js';
import type { Attempt } from './results.js';
import type { RerunSettings } from './reruns.js';
import type { SnapshotTally } from './events.js';

/**
 * The wire protocol between the coordinator and a worker thread: one request per work unit, then a
 * stream of messages, one JSON line each on the slot's pipe. Both sides are plain JSON data: they
 * cross a thread and a process boundary.
 */
export const PROTOCOL_VERSION = 1;

/**
 * A piece of work: a whole file, or a chunk of it. `testIds` keeps only those tests; `excludeTestIds`
 * keeps every test but those (the last chunk of a split file, so tests new since the history was
 * written still run exactly once).
 */
export interface WorkUnit {
  id: string;
  /** root-relative, forward slashes */
  file: string;
  testIds?: string[];
  excludeTestIds?: string[];
  /** the planner's estimate of how long the unit takes */
  expectedMs?: number;
  /** runs before units of lower priority (a unit with a test that failed last run: 1) */
  priority?: number;
  /** a retry: the attempt index of its tests' first attempt here (0 when absent) */
  firstAttempt?: number;
  /** a retry that must run in a fresh thread (`--rerun-isolated`) */
  isolated?: boolean;
  /** under `--repeat`: which repetition of its tests this unit runs (0-based) */
  repetition?: number;
}

/** a unit running some of its file's tests, beside others running the rest (a retry finishes its tests instead) */
export function isFilePart(unit: WorkUnit): boolean {
  return (unit.testIds !== undefined || unit.excludeTestIds !== undefined) && unit.firstAttempt === undefined;
}

export interface RunSettings {
  root: string;
  runId: string;
  workerCount: number;
  timeoutMs: number;
  /** source of a RegExp matched against test ids; null = every test */
  grep: string | null;
  /** where bundled test files are cached */
  cacheDir: string;
  sandbox: {
    /** the run's sandbox directory: one directory per worker slot, and the tests' tmpdirs */
    runDir: string;
    /** root-relative paths copied into every worker's sandbox, at the same relative path */
    copy: string[];
  };
  /** absolute path of the `setupWorker` module, or null */
  setupWorker: string | null;
  /** what `globalSetup` returned, for `inject(key)` */
  provided: Record<string, unknown>;
  reruns: RerunSettings;
  /** test ids reported skipped without running (quarantined tests under `quarantine.mode: 'skip'`) */
  skipIds: string[];
  /** what the suite takes over from Jest or Vitest: globals, environment, setup files, aliases, snapshots */
  compat: CompatSettings;
  /** `--isolate modules`: the packages a file required are forgotten and its globals undone after it */
  isolateModules: boolean;
  /** `--isolate worker`: each file in a fresh worker, which loads the test environment for that file alone */
  freshWorkerPerFile?: boolean;
  /** `--silent`: what test files write to stdout and stderr is dropped */
  silent?: boolean;
}

export interface RunRequest {
  version: typeof PROTOCOL_VERSION;
  slot: number;
  unit: WorkUnit;
  settings: RunSettings;
}

/** an error a thread caught while no unit ran, as its `strayErrors` task returns it */
export interface StrayError {
  file: string | null;
  /** 'hook' for a failed worker teardown; otherwise an uncaught error */
  kind?: 'hook';
  message: string;
  stack?: string;
}

export type OutputStream = 'stdout' | 'stderr';

export type HookKind = 'beforeAll' | 'afterAll' | 'beforeEach' | 'afterEach';

export type WorkerMessage =
  /** the thread has picked the unit up (a new thread may first have had to start) */
  | { type: 'unit:started' }
  /** the file is bundled and about to be imported: its top-level code runs from here */
  | { type: 'file:importing'; timeoutMs: number }
  /** `deselected`: ids of the unit's tests that --grep left out */
  | { type: 'file:collected'; tree: FileNode; deselected?: string[] }
  | { type: 'test:start'; id: string; timeoutMs: number }
  /** `retry`: the worker runs this test again at once */
  | { type: 'test:end'; id: string; attempt: Attempt; retry?: true }
  /** `suite`: describe names down to the hook's describe ([] for the file's top level) */
  | { type: 'hook:start'; hook: HookKind; suite: string[]; timeoutMs: number }
  | { type: 'hook:end'; hook: HookKind }
  /** a problem outside any test: import failure, a failing afterAll, an error thrown between tests */
  /** `file`: when the error belongs to another file than the unit's (one that ran earlier on this thread) */
  | { type: 'file:error'; kind: 'import' | 'collect' | 'hook' | 'uncaught' | 'teardown' | 'snapshot'; message: string; stack?: string; file?: string }
  /** what the file's code wrote to stdout or stderr (console included); `testId`: the test (or its each-hooks) that wrote it */
  | { type: 'output'; stream: OutputStream; text: string; testId?: string }
  /** what the file's snapshots came to, after it ran */
  | { type: 'snapshots'; tally: SnapshotTally }
  /** always the last message of a unit that was not killed; `heapUsedBytes`: the thread's heap after it */
  | { type: 'unit:end'; heapUsedBytes: number };
