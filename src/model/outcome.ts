import type { Attempt, TestStatus } from './results.js';

/**
 * A test's final status from all its attempts (Playwright's computeTestCaseOutcome): a test that
 * failed and then passed is `flaky`; otherwise the last attempt decides.
 */
export function outcomeOf(attempts: readonly Attempt[]): TestStatus {
  const last = attempts[attempts.length - 1];
  if (!last) throw new Error('outcomeOf: a test needs at least one attempt');
  if (last.status === 'passed' && attempts.some((a) => isFailure(a.status))) return 'flaky';
  return last.status;
}

export function isFailure(status: TestStatus): boolean {
  return status === 'failed' || status === 'timedOut' || status === 'crashed';
}
