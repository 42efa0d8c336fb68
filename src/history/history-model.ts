/**
 * The duration and outcome history, as plain data, and the pure update that folds one run into
 * it. Several samples are kept per test and per file, so one noisy run moves the estimate (a median)
 * only a little.
 */
export const HISTORY_VERSION = 1;
/** samples kept per test and per file for the duration estimate */
export const DURATION_SAMPLES = 5;
/** outcomes kept per test (the flaky-test issue reads them) */
export const OUTCOME_SAMPLES = 20;

/** one character per run, newest last: p(assed) f(ailed) s(kipped) k (flaky) */
export type OutcomeCode = 'p' | 'f' | 's' | 'k';
/** in `outcomes`, between two runs whose test file's contents differ */
export const FILE_CHANGED = '|';

export interface TestHistory {
  file: string;
  durations: number[];
  /** OutcomeCodes, oldest first, with FILE_CHANGED where the test file was edited between runs */
  outcomes: string;
  /** 'i/n': the shard it last ran on, when that run was sharded (for --last-failed) */
  shard?: string;
}

export interface FileHistory {
  /** wall time of the whole file on one worker, import and hooks included */
  durations: number[];
  /** the file's test ids in declaration order, as last seen */
  tests: string[];
  /** hash of the file's contents when it last ran */
  hash?: string;
}

export interface History {
  version: typeof HISTORY_VERSION;
  tool: 'ptest';
  tests: Record<string, TestHistory>;
  files: Record<string, FileHistory>;
}

/** What one run contributes. */
export interface RunRecord {
  tests: { id: string; file: string; outcome: OutcomeCode; durationMs: number; shard?: string }[];
  /**
   * files that ran whole in one unit: their wall time is a sample of the file's duration, and
   * `tests` (when known) is the file's test list as it is now, renamed and deleted tests gone
   */
  wholeFiles: { file: string; durationMs: number; tests?: string[] }[];
  /** hash of each test file's contents, so outcomes before and after an edit are told apart */
  fileHashes?: Record<string, string>;
}

export function emptyHistory(): History {
  return { version: HISTORY_VERSION, tool: 'ptest', tests: {}, files: {} };
}

export function isHistory(value: unknown): value is History {
  const v = value as Partial<History> | null;
  return typeof v === 'object' && v !== null && v.tool === 'ptest' && v.version === HISTORY_VERSION && typeof v.tests === 'object' && typeof v.files === 'object';
}

/** Returns a new history with the run folded in; tests and files the run did not touch are kept. */
export function recordRun(history: History, run: RunRecord): History {
  const tests = { ...history.tests };
  const files = { ...history.files };
  const edited = (file: string): boolean => {
    const was = history.files[file]?.hash;
    const now = run.fileHashes?.[file];
    return was !== undefined && now !== undefined && was !== now;
  };
  for (const t of run.tests) {
    const before = tests[t.id];
    const durations = t.outcome === 's' ? (before?.durations ?? []) : keepLast([...(before?.durations ?? []), round(t.durationMs)], DURATION_SAMPLES);
    const past = before?.outcomes ?? '';
    const mark = past !== '' && edited(t.file) ? FILE_CHANGED : '';
    tests[t.id] = { file: t.file, durations, outcomes: keepOutcomes(past + mark + t.outcome), ...(t.shard ? { shard: t.shard } : {}) };
    const file = files[t.file] ?? { durations: [], tests: [] };
    if (!file.tests.includes(t.id)) files[t.file] = { ...file, tests: [...file.tests, t.id] };
  }
  for (const f of run.wholeFiles) {
    const file = files[f.file] ?? { durations: [], tests: [] };
    files[f.file] = { tests: f.tests ?? file.tests, durations: keepLast([...file.durations, round(f.durationMs)], DURATION_SAMPLES) };
  }
  for (const [file, hash] of Object.entries(run.fileHashes ?? {})) {
    files[file] = { ...(files[file] ?? { durations: [], tests: [] }), hash };
  }
  return { ...history, tests, files };
}

/** how many tests the history lists for these files (0 for a file it never saw run) */
export function knownTestCount(history: History, files: readonly string[]): number {
  return files.reduce((sum, file) => sum + (history.files[file]?.tests.length ?? 0), 0);
}

/** the test's latest outcome, or undefined if it never ran */
export function lastOutcome(test: TestHistory | undefined): OutcomeCode | undefined {
  const code = test?.outcomes.replaceAll(FILE_CHANGED, '').at(-1);
  return code as OutcomeCode | undefined;
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** the last OUTCOME_SAMPLES runs, with the edit marks among them (a leading mark says nothing) */
function keepOutcomes(outcomes: string): string {
  let runs = 0;
  let i = outcomes.length;
  while (i > 0 && runs < OUTCOME_SAMPLES) if (outcomes[--i] !== FILE_CHANGED) runs++;
  return outcomes.slice(i).replace(/^\|+/, '');
}

function keepLast<T>(values: T[], n: number): T[] {
  return values.length > n ? values.slice(values.length - n) : values;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
