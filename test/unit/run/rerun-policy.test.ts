import { describe, expect, it } from 'vitest';
import type { TestRef } from '../../../src/model/events.js';
import { lastInPlaceAttempt } from '../../../src/model/reruns.js';
import { mergeRetries, RerunPolicy } from '../../../src/run/rerun-policy.js';

const test: TestRef = { id: 'a.test.ts > t', file: 'a.test.ts', titlePath: ['t'] };
const ENDED = { retryInPlace: false, final: false };
const IN_PLACE = { retryInPlace: true, final: false };

describe('RerunPolicy', () => {
  it('without reruns never retries', () => {
    const policy = new RerunPolicy({ count: 0, delayMs: 0, isolated: false });
    expect(policy.onAttemptEnd(0, test, 'crashed', ENDED)).toBeUndefined();
  });

  it('leaves retries the worker makes in place to the worker, and never retries a pass', () => {
    const policy = new RerunPolicy({ count: 2, delayMs: 0, isolated: false });
    expect(policy.onAttemptEnd(0, test, 'failed', IN_PLACE)).toBeUndefined();
    expect(policy.onAttemptEnd(0, test, 'passed', ENDED)).toBeUndefined();
  });

  it('retries what the worker could not (a crash) in a unit of that test alone, numbering attempts on', () => {
    const policy = new RerunPolicy({ count: 2, delayMs: 0, isolated: false });
    expect(policy.onAttemptEnd(0, test, 'crashed', ENDED)).toEqual({ id: `${test.id} #1`, file: 'a.test.ts', testIds: [test.id], firstAttempt: 1 });
    expect(policy.onAttemptEnd(0, test, 'timedOut', ENDED)).toMatchObject({ firstAttempt: 2 });
    // all three attempts used
    expect(policy.onAttemptEnd(0, test, 'crashed', ENDED)).toBeUndefined();
  });

  it('under --repeat counts each repetition\'s attempts apart, and its retries stay in that repetition', () => {
    const policy = new RerunPolicy({ count: 1, delayMs: 0, isolated: false });
    const first = { ...test, repetition: 0 };
    const second = { ...test, repetition: 1 };
    expect(policy.onAttemptEnd(0, first, 'crashed', ENDED)).toMatchObject({ firstAttempt: 1, repetition: 0 });
    expect(policy.onAttemptEnd(1, second, 'crashed', ENDED)).toMatchObject({ firstAttempt: 1, repetition: 1 });
    expect(mergeRetries([...policy.take(0), ...policy.take(1)])).toHaveLength(2);
    expect(policy.onAttemptEnd(0, first, 'crashed', ENDED)).toBeUndefined();
  });

  it('with isolated, the last retry is a unit of its own in a fresh thread', () => {
    const reruns = { count: 2, delayMs: 0, isolated: true };
    const policy = new RerunPolicy(reruns);
    // the worker retries in place up to attempt 1, leaving the last (2) to the coordinator
    expect(lastInPlaceAttempt(reruns, {})).toBe(1);
    expect(policy.onAttemptEnd(0, test, 'failed', IN_PLACE)).toBeUndefined();
    expect(policy.onAttemptEnd(0, test, 'failed', ENDED)).toMatchObject({ firstAttempt: 2, isolated: true, testIds: [test.id] });
    expect(lastInPlaceAttempt(reruns, { firstAttempt: 2, isolated: true })).toBe(2);
    expect(policy.onAttemptEnd(0, test, 'failed', ENDED)).toBeUndefined();
  });

  it('an early crash under isolated gets an ordinary retry first, then the isolated one', () => {
    const policy = new RerunPolicy({ count: 2, delayMs: 0, isolated: true });
    const first = policy.onAttemptEnd(0, test, 'crashed', ENDED);
    expect(first).toMatchObject({ firstAttempt: 1 });
    expect(first?.isolated).toBeUndefined();
    expect(policy.onAttemptEnd(0, test, 'failed', ENDED)).toMatchObject({ firstAttempt: 2, isolated: true });
  });

  it('counts each test on its own', () => {
    const policy = new RerunPolicy({ count: 1, delayMs: 0, isolated: false });
    const other = { ...test, id: 'a.test.ts > u' };
    expect(policy.onAttemptEnd(0, test, 'crashed', ENDED)).toBeDefined();
    expect(policy.onAttemptEnd(0, other, 'crashed', ENDED)).toBeDefined();
    expect(policy.onAttemptEnd(0, test, 'crashed', ENDED)).toBeUndefined();
  });

  it('never retries a test that could not have run (its hook hung): it would only hang again', () => {
    const policy = new RerunPolicy({ count: 2, delayMs: 0, isolated: false });
    expect(policy.onAttemptEnd(0, test, 'failed', { retryInPlace: false, final: true })).toBeUndefined();
  });

  it('resumes a retry the worker promised but died before making, at the next attempt index', () => {
    const policy = new RerunPolicy({ count: 2, delayMs: 0, isolated: true });
    policy.onAttemptEnd(0, test, 'failed', IN_PLACE);
    expect(policy.resume(0, test)).toMatchObject({ firstAttempt: 1, testIds: [test.id] });
    policy.onAttemptEnd(0, test, 'failed', IN_PLACE);
    expect(policy.resume(0, test)).toMatchObject({ firstAttempt: 2, isolated: true });
  });

  it('merges the retries of one file and attempt into one unit, and leaves isolated ones alone', () => {
    const policy = new RerunPolicy({ count: 1, delayMs: 0, isolated: false });
    const t = (name: string, file = 'a.test.ts'): TestRef => ({ id: `${file} > ${name}`, file, titlePath: [name] });
    const units = [t('x'), t('y'), t('z', 'b.test.ts')].map((ref) => policy.onAttemptEnd(0, ref, 'failed', ENDED)!);
    const isolated = { id: 'c #1', file: 'a.test.ts', testIds: ['a.test.ts > w'], firstAttempt: 1, isolated: true };
    expect(mergeRetries([...units, isolated, { ...isolated, id: 'c #2', testIds: ['a.test.ts > v'] }]).map((u) => u.testIds)).toEqual([
      ['a.test.ts > x', 'a.test.ts > y'],
      ['b.test.ts > z'],
      ['a.test.ts > w'],
      ['a.test.ts > v'],
    ]);
  });
});
