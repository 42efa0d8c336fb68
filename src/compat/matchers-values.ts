import type { MatcherContext } from 'expect';
import { chaiResult, printExpected, printReceived, type Result } from './matchers-chai.js';

export type TypeOfName = 'bigint' | 'boolean' | 'function' | 'number' | 'object' | 'string' | 'symbol' | 'undefined';

export function toBeTypeOf(this: MatcherContext, received: unknown, expected: TypeOfName): Result {
  const actual = typeof received;
  return chaiResult(this, {
    pass: actual === expected,
    message: 'expected #{this} to be type of #{exp}',
    negated: 'expected #{this} not to be type of #{exp}',
    received,
    expected,
    diff: { actual, expected },
  });
}

export function toBeNullable(this: MatcherContext, received: unknown): Result {
  return chaiResult(this, {
    pass: received == null,
    message: 'expected #{this} to be nullish',
    negated: 'expected #{this} not to be nullish',
    received,
    diff: { actual: received, expected: null },
  });
}

// toSatisfy and toBeOneOf are Vitest's ports of jest-extended matchers, written against the
// expect API rather than chai; only the value printing is Vitest's own (see printExpected).

export function toSatisfy(this: MatcherContext, received: unknown, predicate: (value: unknown) => unknown, message?: string): Result {
  const pass = Boolean(predicate(received));
  const expected = (): string => message || printExpected(this, predicate);
  return {
    pass,
    message: () =>
      pass
        ? `${this.utils.matcherHint('.not.toSatisfy', 'received', '')}\n\nExpected value to not satisfy:\n${expected()}\nReceived:\n${printReceived(this, received)}`
        : `${this.utils.matcherHint('.toSatisfy', 'received', '')}\n\nExpected value to satisfy:\n${expected()}\n\nReceived:\n${printReceived(this, received)}`,
  };
}

export function toBeOneOf(this: MatcherContext, received: unknown, expected: readonly unknown[] | ReadonlySet<unknown>): Result {
  const same = (item: unknown): boolean => this.equals(item, received, this.customTesters);
  let pass: boolean;
  if (Array.isArray(expected)) {
    pass = expected.length === 0 || expected.some(same);
  } else if (expected instanceof Set) {
    pass = expected.size === 0 || expected.has(received) || [...expected].some(same);
  } else {
    throw new TypeError(`You must provide an array or set to ${this.utils.matcherHint('.toBeOneOf')}, not '${typeof expected}'.`);
  }
  const list = (): string => printExpected(this, expected);
  return {
    pass,
    message: () =>
      pass
        ? `${this.utils.matcherHint('.not.toBeOneOf', 'received', '')}\n\nExpected value to not be one of:\n${list()}\nReceived:\n${printReceived(this, received)}`
        : `${this.utils.matcherHint('.toBeOneOf', 'received', '')}\n\nExpected value to be one of:\n${list()}\n\nReceived:\n${printReceived(this, received)}`,
  };
}
