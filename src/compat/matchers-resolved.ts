import { types } from 'node:util';
import type { MatcherContext } from 'expect';
import { chaiResult, formatReturns, getSpy, ordinal, type Result, type Settled, type Spy } from './matchers-chai.js';

/**
 * How each call's result settled. Vitest's spies record this as `mock.settledResults`, watching
 * the promise from the moment the call returns it; jest-mock 30 records no such thing, and once a
 * promise has settled JavaScript offers no synchronous way to read its outcome. So a mock that has
 * `settledResults` (one made by @vitest/spy, or a mock layer that tracks them) is read as Vitest
 * reads it; for a plain jest-mock mock they are worked out from `mock.results` where that is
 * possible: a throw rejects, a value that is not a promise fulfills at once (both as in Vitest).
 * A returned promise cannot be: rather than guess, that fails loudly.
 */
export function settledResultsOf(spy: Spy, matcher: string): readonly Settled[] {
  if (Array.isArray(spy.mock.settledResults)) return spy.mock.settledResults;
  return spy.mock.results.map(({ type, value }): Settled => {
    if (type === 'throw') return { type: 'rejected', value };
    if (type === 'incomplete') return { type: 'incomplete', value: undefined };
    // any realm's promise: one from another context would otherwise pass for a fulfilled value
    if (types.isPromise(value)) {
      throw new TypeError(
        `${matcher}: "${spy.getMockName()}" returned a promise, and jest-mock's mocks do not record how their promises settle ` +
          '(Vitest keeps that in mock.settledResults). Await the promise and assert on its value instead, e.g. ' +
          '`await expect(spy.mock.results[0].value).resolves.toEqual(...)`',
      );
    }
    return { type: 'fulfilled', value };
  });
}

const fulfilled = (results: readonly Settled[]): Settled[] => results.filter((r) => r.type === 'fulfilled');

export function toHaveResolved(this: MatcherContext, received: unknown): Result {
  const spy = getSpy(received);
  const name = spy.getMockName();
  return chaiResult(this, {
    pass: fulfilled(settledResultsOf(spy, 'toHaveResolved')).length > 0,
    message: `expected "${name}" to be successfully resolved at least once`,
    negated: `expected "${name}" to not be successfully resolved`,
  });
}

export function toHaveResolvedTimes(this: MatcherContext, received: unknown, times: number): Result {
  const spy = getSpy(received);
  const name = spy.getMockName();
  return chaiResult(this, {
    pass: fulfilled(settledResultsOf(spy, 'toHaveResolvedTimes')).length === times,
    message: `expected "${name}" to be successfully resolved ${times} times`,
    negated: `expected "${name}" to not be successfully resolved ${times} times`,
  });
}

export function toHaveResolvedWith(this: MatcherContext, received: unknown, value: unknown): Result {
  const spy = getSpy(received);
  const name = spy.getMockName();
  const results = settledResultsOf(spy, 'toHaveResolvedWith');
  return chaiResult(this, {
    // Vitest compares resolved values without custom testers or iterable equality, unlike calls
    pass: fulfilled(results).some((r) => this.equals(value, r.value)),
    message: `expected "${name}" to resolve with: #{exp} at least once`,
    negated: `expected "${name}" to not resolve with: #{exp}`,
    expected: value,
    extend: (message) => formatReturns(this, spy, results, message, value),
  });
}

function resolvedAt(ctx: MatcherContext, result: Settled | undefined, value: unknown): boolean {
  return result !== undefined && result.type === 'fulfilled' && ctx.equals(result.value, value);
}

export function toHaveLastResolvedWith(this: MatcherContext, received: unknown, value: unknown): Result {
  const spy = getSpy(received);
  const name = spy.getMockName();
  const result = settledResultsOf(spy, 'toHaveLastResolvedWith').at(-1);
  return chaiResult(this, {
    pass: resolvedAt(this, result, value),
    message: `expected last "${name}" call to resolve #{exp}`,
    negated: `expected last "${name}" call to not resolve #{exp}`,
    expected: value,
    diff: { actual: result?.value, expected: value },
  });
}

export function toHaveNthResolvedWith(this: MatcherContext, received: unknown, nth: number, value: unknown): Result {
  const spy = getSpy(received);
  const name = spy.getMockName();
  const result = settledResultsOf(spy, 'toHaveNthResolvedWith')[nth - 1];
  return chaiResult(this, {
    pass: resolvedAt(this, result, value),
    message: `expected ${ordinal(nth)} call "${name}" call to resolve #{exp}`,
    negated: `expected ${ordinal(nth)} call "${name}" call to not resolve #{exp}`,
    expected: value,
    diff: { actual: result?.value, expected: value },
  });
}
