import type { Attempt, FlakeCause, TestStatus } from './results.js';

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

/** The cause class of a flaky test's failures (see FlakeCause), or undefined if it is not flaky. */
export function flakeCauseOf(attempts: readonly Attempt[]): FlakeCause | undefined {
  if (outcomeOf(attempts) !== 'flaky') return undefined;
  const failed = attempts.filter((a) => isFailure(a.status));
  const passed = attempts[attempts.length - 1];
  // Evidence of an order dependency: it failed where it ran among others, on a retry too (not a
  // one-off), never alone, and then passed alone.
  if (passed?.isolated && !failed.some((a) => a.isolated) && failed.length >= 2 && failed.every((a) => a.status === 'failed')) return 'order-dependent';
  if (failed.some((a) => a.status === 'crashed')) return 'crash';
  if (failed.some((a) => a.status === 'timedOut')) return 'timing';
  return 'nondeterministic';
}
