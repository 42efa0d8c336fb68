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
  return causeOfFailures(failed);
}

function causeOfFailures(failed: readonly Attempt[]): FlakeCause {
  if (failed.some((a) => a.status === 'crashed')) return 'crash';
  if (failed.some((a) => a.status === 'timedOut')) return 'timing';
  return 'nondeterministic';
}

/**
 * Under `--repeat` a test's attempts belong to repetitions, each judged alone (its own retries
 * included). The test passed if every repetition passed, failed if every one that ran failed, and
 * is flaky if it did both, or was flaky in one. Without repetitions these are outcomeOf and
 * flakeCauseOf.
 */
export type RepeatedAttempt = Attempt & { repetition?: number };

export function overallOutcome(attempts: readonly RepeatedAttempt[]): TestStatus {
  const groups = byRepetition(attempts);
  if (groups.length === 1) return outcomeOf(groups[0]!);
  const outcomes = groups.map(outcomeOf);
  const ran = outcomes.filter((o) => o !== 'skipped' && o !== 'todo');
  const failing = ran.filter(isFailure);
  if (failing.length > 0) return failing.length < ran.length ? 'flaky' : failing[failing.length - 1]!;
  if (ran.includes('flaky')) return 'flaky';
  return ran.length > 0 ? 'passed' : outcomes[outcomes.length - 1]!;
}

export function overallFlakeCause(attempts: readonly RepeatedAttempt[]): FlakeCause | undefined {
  const groups = byRepetition(attempts);
  if (groups.length === 1) return flakeCauseOf(groups[0]!);
  if (overallOutcome(attempts) !== 'flaky') return undefined;
  // a repetition that was flaky on its own says the most (its retries may have run isolated)
  for (const group of groups) {
    const cause = flakeCauseOf(group);
    if (cause) return cause;
  }
  return causeOfFailures(attempts.filter((a) => isFailure(a.status)));
}

/** how many repetitions ran (not skipped) and how many of those passed outright */
export function passRateOf(attempts: readonly RepeatedAttempt[]): { runs: number; passed: number } {
  const outcomes = byRepetition(attempts).map(outcomeOf).filter((o) => o !== 'skipped' && o !== 'todo');
  return { runs: outcomes.length, passed: outcomes.filter((o) => o === 'passed').length };
}

function byRepetition(attempts: readonly RepeatedAttempt[]): RepeatedAttempt[][] {
  const groups = new Map<number, RepeatedAttempt[]>();
  for (const a of attempts) groups.set(a.repetition ?? 0, [...(groups.get(a.repetition ?? 0) ?? []), a]);
  return [...groups].sort(([a], [b]) => a - b).map(([, group]) => group);
}
