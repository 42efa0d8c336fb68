import { emptyHistory, recordRun, type History } from '../../src/history/history-model.js';
import type { WorkUnit } from '../../src/model/protocol.js';

/**
 * A made-up suite with known durations, for planner tests: each file has a fixed cost (import,
 * hooks) and its tests' times. It can write the history a previous run would have left, and says
 * how long any unit (a whole file or a chunk of one) really takes.
 */
export interface SyntheticFile {
  overheadMs: number;
  testsMs: number[];
}

export type SyntheticSuite = Record<string, SyntheticFile>;

export const testId = (file: string, i: number): string => `${file} > t${i}`;

/** `runs` previous runs, each duration scaled by a factor from `noise` (deterministic) */
export function historyOf(suite: SyntheticSuite, runs = 1, noise: (run: number, i: number) => number = () => 1): History {
  let history = emptyHistory();
  for (let run = 0; run < runs; run++) {
    let i = 0;
    const tests = Object.entries(suite).flatMap(([file, f]) => f.testsMs.map((ms, t) => ({ id: testId(file, t), file, outcome: 'p' as const, durationMs: ms * noise(run, i++) })));
    const wholeFiles = Object.entries(suite).map(([file, f]) => ({ file, durationMs: (f.overheadMs + f.testsMs.reduce((a, b) => a + b, 0)) * noise(run, i++) }));
    history = recordRun(history, { tests, wholeFiles });
  }
  return history;
}

export function actualMs(suite: SyntheticSuite, unit: WorkUnit): number {
  const file = suite[unit.file];
  if (!file) throw new Error(`no file ${unit.file}`);
  const include = unit.testIds ? new Set(unit.testIds) : null;
  const exclude = new Set(unit.excludeTestIds ?? []);
  const tests = file.testsMs.filter((_, i) => (!include || include.has(testId(unit.file, i))) && !exclude.has(testId(unit.file, i)));
  return file.overheadMs + tests.reduce((a, b) => a + b, 0);
}

/** max(total / workers, longest test): the test-level bound no runner beats */
export function idealMs(suite: SyntheticSuite, workers: number): number {
  const all = Object.values(suite).flatMap((f) => f.testsMs);
  return Math.max(all.reduce((a, b) => a + b, 0) / workers, Math.max(...all));
}

/** a seeded generator (mulberry32), so "random" suites are the same on every run */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
