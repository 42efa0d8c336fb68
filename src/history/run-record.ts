import type { TestStatus } from '../model/results.js';
import type { RunReport } from '../report/run-report.js';
import type { OutcomeCode, RunRecord } from './history-model.js';

/** What a finished run adds to the history: each test's outcome and own time, each whole file's time. */
export function runRecordOf(report: RunReport): RunRecord {
  const shard = report.shard ? { shard: `${report.shard.index}/${report.shard.total}` } : {};
  return {
    // a test the run stopped before it finished has no outcome and no duration to learn from
    tests: report.tests.filter((t) => !t.notRun).map((t) => ({
      ...shard,
      id: t.id,
      file: t.file,
      outcome: codeOf(t.status),
      // The last attempt is the test's own time; earlier ones were failures of another kind.
      durationMs: t.attempts[t.attempts.length - 1]?.durationMs ?? t.durationMs,
    })),
    wholeFiles: report.fileStats.filter((f) => f.whole).map((f) => ({ file: f.file, durationMs: f.busyMs, ...(f.tests ? { tests: f.tests } : {}) })),
  };
}

function codeOf(status: TestStatus): OutcomeCode {
  switch (status) {
    case 'passed':
      return 'p';
    case 'flaky':
      return 'k';
    case 'skipped':
    case 'todo':
      return 's';
    case 'failed':
    case 'timedOut':
    case 'crashed':
      return 'f';
  }
}
