import type { RunReport, Summary } from './run-report.js';

/**
 * The verdict every format prints, in one order: `N passed, N failed[, N errors][, N flaky][, N quarantined][, N skipped][, N deselected]`
 * (passed and failed always, the others when there are any). Errors outside tests (a file that
 * failed to import, a crash between tests) are in it: they fail the run as a failed test does.
 * Deselected tests (left out by --grep) are named, as pytest does, so a filtered run never reads
 * as the whole suite.
 */
export type VerdictKind = 'passed' | 'failed' | 'errors' | 'flaky' | 'quarantined' | 'skipped' | 'deselected';

export function verdictParts(summary: Summary): { kind: VerdictKind; count: number; text: string }[] {
  const part = (kind: VerdictKind, count: number) => ({ kind, count, text: `${count} ${kind}` });
  return [
    part('passed', summary.passed),
    part('failed', summary.failed),
    ...(summary.errors > 0 ? [{ kind: 'errors' as const, count: summary.errors, text: `${summary.errors} error${summary.errors === 1 ? '' : 's'}` }] : []),
    // (`?? 0`: a report read back from an older ptest's blob)
    ...(['flaky', 'quarantined', 'skipped', 'deselected'] as const).filter((kind) => (summary[kind] ?? 0) > 0).map((kind) => part(kind, summary[kind])),
  ];
}

/** the verdict as plain text, `3 passed, 1 failed, 2 skipped` (the terminal colours each part) */
export function verdictText(summary: Summary): string {
  return verdictParts(summary).map((part) => part.text).join(', ');
}

/** green: nothing failed, no error outside a test, and the run was not stopped */
export function isGreen(report: RunReport): boolean {
  return report.summary.failed === 0 && report.summary.errors === 0 && !report.stoppedBy;
}

export const STOPPED_BY = { interrupt: 'interrupted', bail: 'stopped by --bail', 'restart-cap': 'stopped: too many workers lost', 'global-setup': 'globalSetup failed' } as const;

/**
 * why the run stopped, and what it left unrun: `stopped by --bail: 3 tests and 2 files did not run`.
 * A queue build can leave tests unrun without stopping (a job's restart cap, no job left to finish it).
 */
export function unfinishedText(report: RunReport): string {
  const { notRun } = report.summary;
  const files = report.notRunFiles.length;
  const left = [notRun > 0 ? `${notRun} test${notRun === 1 ? '' : 's'}` : '', files > 0 ? `${files} file${files === 1 ? '' : 's'}` : ''].filter(Boolean);
  const unrun = left.length > 0 ? `${left.join(' and ')} did not run` : '';
  if (!report.stoppedBy) return unrun;
  return `${STOPPED_BY[report.stoppedBy]}${unrun && `: ${unrun}`}`;
}

/**
 * the files with an error and no test reported: they failed to import or collect, or their
 * worker crashed or hung while importing them (errors of other kinds)
 */
export function unloadedFiles(report: Pick<RunReport, 'errors' | 'tests'>): string[] {
  const reported = new Set(report.tests.map((t) => t.file));
  return [...new Set(report.errors.flatMap((e) => (e.file !== null && !reported.has(e.file) ? [e.file] : [])))];
}

/**
 * `3 files did not load (29 tests when they last ran)`: an import error hides every test of its
 * file, which the verdict's `3 errors` does not say; the history knows how many there were.
 */
export function unloadedText(report: RunReport): string {
  const files = unloadedFiles(report).length;
  if (files === 0) return '';
  const known = report.unloadedTests ?? 0;
  const tests = known > 0 ? ` (${known} test${known === 1 ? '' : 's'} when ${files === 1 ? 'it' : 'they'} last ran)` : '';
  return `${files} file${files === 1 ? '' : 's'} did not load${tests}`;
}
