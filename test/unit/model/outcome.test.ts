import { describe, expect, it } from 'vitest';
import { flakeCauseOf, outcomeOf, overallFlakeCause, overallOutcome, passRateOf } from '../../../src/model/outcome.js';
import type { Attempt, AttemptStatus } from '../../../src/model/results.js';

const a = (status: AttemptStatus, isolated = false): Attempt => ({ status, durationMs: 1, ...(isolated ? { isolated: true as const } : {}) });

describe('a test’s outcome from its attempts', () => {
  it('is flaky when a failure is followed by a pass, and the last attempt otherwise', () => {
    expect(outcomeOf([a('failed'), a('passed')])).toBe('flaky');
    expect(outcomeOf([a('failed'), a('timedOut')])).toBe('timedOut');
    expect(outcomeOf([a('passed')])).toBe('passed');
  });

  it.each([
    [[a('failed'), a('failed'), a('passed', true)], 'order-dependent'],
    [[a('timedOut'), a('passed')], 'timing'],
    [[a('crashed'), a('failed'), a('passed')], 'crash'],
    [[a('failed'), a('passed')], 'nondeterministic'],
    // failing alone too means running alone is not what made it pass
    [[a('failed'), a('failed', true), a('passed', true)], 'nondeterministic'],
    // one failure, then a pass alone, is no evidence of order: a retry in place might have passed too
    [[a('failed'), a('passed', true)], 'nondeterministic'],
    [[a('timedOut'), a('timedOut'), a('passed', true)], 'timing'],
  ] as const)('classifies %j as %s', (attempts, cause) => {
    expect(flakeCauseOf(attempts)).toBe(cause);
  });

  it('has no flake cause when the test is not flaky', () => {
    expect(flakeCauseOf([a('failed'), a('failed', true)])).toBeUndefined();
    expect(flakeCauseOf([a('passed')])).toBeUndefined();
  });
});

describe('a repeated test’s outcome (--repeat), each repetition judged alone', () => {
  const r = (repetition: number, status: AttemptStatus) => ({ ...a(status), repetition });
  it('passes when every repetition passed, fails when every one failed, is flaky when it did both', () => {
    expect(overallOutcome([r(0, 'passed'), r(1, 'passed')])).toBe('passed');
    expect(overallOutcome([r(1, 'failed'), r(0, 'timedOut')])).toBe('failed');
    expect(overallOutcome([r(0, 'passed'), r(1, 'failed'), r(2, 'passed')])).toBe('flaky');
    expect(overallFlakeCause([r(0, 'passed'), r(1, 'timedOut')])).toBe('timing');
  });

  it('orders attempts by repetition, not by when they ended: a retry belongs to its repetition', () => {
    // repetition 1 failed then passed on its retry, which ended after repetition 0's pass
    const attempts = [r(1, 'failed'), r(0, 'passed'), r(1, 'passed')];
    expect(overallOutcome(attempts)).toBe('flaky');
    expect(overallFlakeCause(attempts)).toBe('nondeterministic');
    expect(passRateOf(attempts)).toEqual({ runs: 2, passed: 1 });
  });

  it('counts only repetitions that ran in the pass rate', () => {
    expect(passRateOf([r(0, 'skipped'), r(1, 'passed')])).toEqual({ runs: 1, passed: 1 });
    expect(overallOutcome([r(0, 'skipped'), r(1, 'skipped')])).toBe('skipped');
  });
});
