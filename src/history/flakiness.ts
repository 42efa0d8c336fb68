import type { RunReport } from '../report/run-report.js';
import { FILE_CHANGED, type History } from './history-model.js';

/**
 * How flaky a test has been, from its outcome history: its flip rate. A flip is a run that was
 * flaky (it failed and passed within the run) or whose verdict differs from the run before it,
 * counted only between runs of the same test file contents: a test that broke or was fixed by an
 * edit is not flaky. A test that fails every time flips never and scores 0, as it should: it is
 * broken, not flaky. Skipped runs are ignored.
 */
export interface Flakiness {
  /** flips / runs that could flip, 0..1 */
  score: number;
  /** runs counted (not skipped) */
  runs: number;
  /** runs in which the test was flaky */
  flakyRuns: number;
  /** the outcome codes it was computed from, oldest first (history-model's OutcomeCode and FILE_CHANGED) */
  outcomes: string;
}

export function flakinessOf(outcomes: string): Flakiness {
  let flips = 0;
  let chances = 0;
  let runs = 0;
  let flakyRuns = 0;
  for (const segment of outcomes.split(FILE_CHANGED)) {
    let previous: string | undefined;
    for (const code of segment) {
      if (code === 's') continue;
      runs++;
      if (code === 'k') flakyRuns++;
      const verdict = code === 'f' ? 'f' : 'p';
      // the first run of a segment can flip only by being flaky; later ones also against the one before
      chances++;
      if (code === 'k' || (previous !== undefined && verdict !== previous)) flips++;
      previous = verdict;
    }
  }
  return { score: chances === 0 ? 0 : flips / chances, runs, flakyRuns, outcomes };
}

/**
 * Gives every test of the report that has flipped its flakiness, from `after`: the history with
 * this run folded in (in memory: the file on disk is written separately, under its lock).
 */
export function attachFlakiness(report: RunReport, after: History): void {
  for (const test of report.tests) {
    const outcomes = after.tests[test.id]?.outcomes;
    if (!outcomes) continue;
    const flakiness = flakinessOf(outcomes);
    if (flakiness.score > 0) test.flakiness = flakiness;
  }
}
