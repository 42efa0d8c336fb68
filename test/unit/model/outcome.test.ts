import { describe, expect, it } from 'vitest';
import { flakeCauseOf, outcomeOf } from '../../../src/model/outcome.js';
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
