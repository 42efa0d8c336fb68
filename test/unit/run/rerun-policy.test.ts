import { describe, expect, it } from 'vitest';
import type { TestRef } from '../../../src/model/events.js';
import { lastInPlaceAttempt } from '../../../src/model/reruns.js';
import { RerunPolicy } from '../../../src/run/rerun-policy.js';

const test: TestRef = { id: 'a.test.ts > t', file: 'a.test.ts', titlePath: ['t'] };

describe('RerunPolicy', () => {
  it('without reruns never retries', () => {
    const policy = new RerunPolicy({ count: 0, delayMs: 0, isolated: false });
    expect(policy.onAttemptEnd(test, 'crashed', false)).toBeUndefined();
  });

  it('leaves retries the worker makes in place to the worker, and never retries a pass', () => {
    const policy = new RerunPolicy({ count: 2, delayMs: 0, isolated: false });
    expect(policy.onAttemptEnd(test, 'failed', true)).toBeUndefined();
    expect(policy.onAttemptEnd(test, 'passed', false)).toBeUndefined();
  });

  it('retries what the worker could not (a crash) in a unit of that test alone, numbering attempts on', () => {
    const policy = new RerunPolicy({ count: 2, delayMs: 0, isolated: false });
    expect(policy.onAttemptEnd(test, 'crashed', false)).toEqual({ id: `${test.id} #1`, file: 'a.test.ts', testIds: [test.id], firstAttempt: 1 });
    expect(policy.onAttemptEnd(test, 'timedOut', false)).toMatchObject({ firstAttempt: 2 });
    // all three attempts used
    expect(policy.onAttemptEnd(test, 'crashed', false)).toBeUndefined();
  });

  it('with isolated, the last retry is a unit of its own in a fresh thread', () => {
    const reruns = { count: 2, delayMs: 0, isolated: true };
    const policy = new RerunPolicy(reruns);
    // the worker retries in place up to attempt 1, leaving the last (2) to the coordinator
    expect(lastInPlaceAttempt(reruns, {})).toBe(1);
    expect(policy.onAttemptEnd(test, 'failed', true)).toBeUndefined();
    expect(policy.onAttemptEnd(test, 'failed', false)).toMatchObject({ firstAttempt: 2, isolated: true, testIds: [test.id] });
    expect(lastInPlaceAttempt(reruns, { firstAttempt: 2, isolated: true })).toBe(2);
    expect(policy.onAttemptEnd(test, 'failed', false)).toBeUndefined();
  });

  it('an early crash under isolated gets an ordinary retry first, then the isolated one', () => {
    const policy = new RerunPolicy({ count: 2, delayMs: 0, isolated: true });
    const first = policy.onAttemptEnd(test, 'crashed', false);
    expect(first).toMatchObject({ firstAttempt: 1 });
    expect(first?.isolated).toBeUndefined();
    expect(policy.onAttemptEnd(test, 'failed', false)).toMatchObject({ firstAttempt: 2, isolated: true });
  });

  it('counts each test on its own', () => {
    const policy = new RerunPolicy({ count: 1, delayMs: 0, isolated: false });
    const other = { ...test, id: 'a.test.ts > u' };
    expect(policy.onAttemptEnd(test, 'crashed', false)).toBeDefined();
    expect(policy.onAttemptEnd(other, 'crashed', false)).toBeDefined();
    expect(policy.onAttemptEnd(test, 'crashed', false)).toBeUndefined();
  });
});
