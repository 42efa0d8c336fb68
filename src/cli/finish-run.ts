import type { Options } from '../config/options.js';
import { attachFlakiness } from '../history/flakiness.js';
import { knownTestCount, recordRun, type History, type RunRecord } from '../history/history-model.js';
import { saveRun } from '../history/history-store.js';
import { runRecordOf } from '../history/run-record.js';
import type { StopReason } from '../model/events.js';
import { ExitCode } from '../model/exit-codes.js';
import type { RunQuarantine } from '../quarantine/run-quarantine.js';
import type { ReporterSet } from '../report/reporter.js';
import type { RunReport } from '../report/run-report.js';
import { unloadedFiles } from '../report/verdict.js';

/**
 * After the tests: what a run and a merge of shard reports share. The history learns from each
 * part (one record per shard), the report gets flakiness and the quarantine's review, every
 * reporter writes, the history is saved, and the exit code is decided.
 */
export interface Finish {
  options: Options;
  /** the history as loaded before the run */
  history: History;
  /** the reports the history learns from: the run's own, or each shard's */
  parts: readonly RunReport[];
  /** test file hashes, read while the tests ran */
  fileHashes: Record<string, string>;
  quarantine: RunQuarantine;
  /** every test of `files` was reported (no filter, no early stop, no shard missing) */
  complete: boolean;
  files: readonly string[];
  reporters: ReporterSet;
  stoppedBy: StopReason | undefined;
  warn: (line: string) => void;
  /** a --queue job's own share, whose emptiness queue-job.ts judges */
  queueShare?: boolean;
}

export async function finishRun(report: RunReport, f: Finish): Promise<ExitCode> {
  const { options } = f;
  const records: RunRecord[] = options.history ? f.parts.map((part) => ({ ...runRecordOf(part), fileHashes: f.fileHashes })) : [];
  const historyAfter = options.history ? records.reduce(recordRun, f.history) : null;
  if (historyAfter) attachFlakiness(report, historyAfter);
  // (the history from before the run: it still lists the tests of a file that now fails to load)
  if (options.history) report.unloadedTests = knownTestCount(f.history, unloadedFiles(report));
  report.quarantine = await f.quarantine.review(report, { root: options.root, files: f.files, complete: f.complete, history: historyAfter, now: new Date() });
  const written = await f.reporters.onRunEnd(report);
  if (options.history) for (const record of records) await saveRun(options.history, record, f.warn);
  // a flake hunt (--repeat) that finds a flake has found what it was run for: the run is red
  const code = exitCodeOf(report, f.stoppedBy, { failOnFlaky: options.failOnFlaky || report.repeat !== null, strictQuarantine: options.quarantine.strict });
  // exit 5 alone reads as a crash: say why nothing ran (a --queue job says it itself: queue-job.ts)
  if (code === ExitCode.noTests && !f.queueShare) f.warn(options.grep === null ? 'ptest: no test ran: exit 5' : `ptest: no test matches --grep ${JSON.stringify(options.grep)}: exit 5`);
  return code === ExitCode.passed && !written ? ExitCode.internalError : code;
}

export function exitCodeOf(report: RunReport, stoppedBy: StopReason | undefined, strict: { failOnFlaky?: boolean; strictQuarantine?: boolean } = {}): ExitCode {
  if (stoppedBy === 'interrupt') return ExitCode.interrupted;
  // (a --queue job stopped by another job's bail has no failure of its own, but did not run its share)
  if (stoppedBy === 'bail') return ExitCode.failed;
  if (report.summary.failed > 0 || report.summary.errors > 0) return ExitCode.failed;
  if (strict.failOnFlaky && report.summary.flaky > 0) return ExitCode.failed;
  if (strict.strictQuarantine && (report.quarantine?.expired.length ?? 0) > 0) return ExitCode.failed;
  // a shard can be left with nothing to run when there are more shards than units: not an error
  if (report.summary.total === 0 && !report.shard) return ExitCode.noTests;
  return ExitCode.passed;
}
