import type { RunReport, Summary } from './run-report.js';

/**
 * The verdict every format prints, in one order: `N passed, N failed[, N errors][, N flaky][, N quarantined][, N skipped]`
 * (passed and failed always, the others when there are any). Errors outside tests (a file that
 * failed to import, a crash between tests) are in it: they fail the run as a failed test does.
 */
export type VerdictKind = 'passed' | 'failed' | 'errors' | 'flaky' | 'quarantined' | 'skipped';

export function verdictParts(summary: Summary): { kind: VerdictKind; count: number; text: string }[] {
  const part = (kind: VerdictKind, count: number) => ({ kind, count, text: `${count} ${kind}` });
  return [
    part('passed', summary.passed),
    part('failed', summary.failed),
    ...(summary.errors > 0 ? [{ kind: 'errors' as const, count: summary.errors, text: `${summary.errors} error${summary.errors === 1 ? '' : 's'}` }] : []),
    ...(['flaky', 'quarantined', 'skipped'] as const).filter((kind) => summary[kind] > 0).map((kind) => part(kind, summary[kind])),
  ];
}

/** green: nothing failed, no error outside a test, and the run was not stopped */
export function isGreen(report: RunReport): boolean {
  return report.summary.failed === 0 && report.summary.errors === 0 && !report.stoppedBy;
}

export const STOPPED_BY = { interrupt: 'interrupted', bail: 'stopped by --bail', 'restart-cap': 'stopped: too many workers lost', 'global-setup': 'globalSetup failed' } as const;
