/**
 * What one try of one test produced, and the statuses a test can end with. Plain data shared by
 * the worker (which produces attempts), the coordinator and every reporter.
 */
export type AttemptStatus = 'passed' | 'failed' | 'skipped' | 'todo' | 'timedOut' | 'crashed';
export type TestStatus = AttemptStatus | 'flaky';

export interface SourceLocation {
  /** absolute path of the original source file (after source mapping) */
  file: string;
  line: number;
  column: number;
}

export interface TestError {
  /** may contain ANSI colours (expect's diffs); reporters strip them where colour is off */
  message: string;
  stack?: string;
  location?: SourceLocation;
}

export interface Attempt {
  status: AttemptStatus;
  durationMs: number;
  error?: TestError;
  /** ran alone in a fresh worker thread (the last retry under `--rerun-isolated`) */
  isolated?: true;
  /** in a `--queue` build's report: the job it ran on */
  job?: string;
}

/**
 * Why a flaky test failed before it passed, where the attempts tell: it passed only when run
 * alone (`order-dependent`), a failed attempt timed out (`timing`: slow under load), its worker
 * died (`crash`), or it failed and then passed under the same conditions (`nondeterministic`).
 */
export type FlakeCause = 'order-dependent' | 'timing' | 'crash' | 'nondeterministic';
