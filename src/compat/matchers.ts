import type { expect as jestExpect } from 'expect';
import type { FunctionLike, MockInstance } from 'jest-mock';
import { aliasMatchers } from './matchers-aliases.js';
import { toHaveLastResolvedWith, toHaveNthResolvedWith, toHaveResolved, toHaveResolvedTimes, toHaveResolvedWith } from './matchers-resolved.js';
import { toHaveBeenCalledAfter, toHaveBeenCalledBefore, toHaveBeenCalledExactlyOnceWith, toHaveBeenCalledOnce } from './matchers-spies.js';
import { toBeNullable, toBeOneOf, toBeTypeOf, toSatisfy, type TypeOfName } from './matchers-values.js';

/**
 * The matchers a Vitest suite uses that expect@30 (Jest's expect, which ptest runs) lacks, with
 * Vitest 4's semantics. Those Vitest has alone are worded exactly as Vitest words them; the
 * aliases of matchers expect has run expect's own (see matchers-aliases.ts).
 *
 * Registering them also gives expect an asymmetric form of each (`expect.toBeOneOf([1, 2])`),
 * which is how Vitest offers toSatisfy and toBeOneOf inside toEqual and toHaveBeenCalledWith.
 */
export const vitestMatchers = {
  ...aliasMatchers,
  toHaveBeenCalledOnce,
  toHaveBeenCalledExactlyOnceWith,
  toHaveBeenCalledBefore,
  toHaveBeenCalledAfter,
  toHaveResolved,
  toHaveResolvedTimes,
  toHaveResolvedWith,
  toHaveLastResolvedWith,
  toHaveNthResolvedWith,
  toBeTypeOf,
  toBeNullable,
  toSatisfy,
  toBeOneOf,
};

export function installVitestMatchers(expect: typeof jestExpect): void {
  expect.extend(vitestMatchers);
}

// Parameters are typed as loosely as Vitest types them (`...args: any[]` for calls), since these
// declarations exist so suites written against Vitest's types keep compiling.
declare module 'expect' {
  interface Matchers<R extends void | Promise<void>, T = unknown> {
    toBeCalled(): R;
    toBeCalledTimes(times: number): R;
    toBeCalledWith(...args: unknown[]): R;
    lastCalledWith(...args: unknown[]): R;
    nthCalledWith(nth: number, ...args: unknown[]): R;
    toReturn(): R;
    toReturnTimes(times: number): R;
    toReturnWith(value: unknown): R;
    lastReturnedWith(value: unknown): R;
    nthReturnedWith(nth: number, value: unknown): R;
    toThrowError(expected?: unknown): R;
    toHaveBeenCalledOnce(): R;
    toHaveBeenCalledExactlyOnceWith(...args: unknown[]): R;
    toHaveBeenCalledBefore(mock: MockInstance<FunctionLike>, failIfNoFirstInvocation?: boolean): R;
    toHaveBeenCalledAfter(mock: MockInstance<FunctionLike>, failIfNoFirstInvocation?: boolean): R;
    toHaveResolved(): R;
    toHaveResolvedTimes(times: number): R;
    toHaveResolvedWith(value: unknown): R;
    toHaveLastResolvedWith(value: unknown): R;
    toHaveNthResolvedWith(nth: number, value: unknown): R;
    toBeTypeOf(expected: TypeOfName): R;
    toBeNullable(): R;
    toSatisfy<E = T>(predicate: (value: E) => unknown, message?: string): R;
    toBeOneOf(expected: readonly unknown[] | ReadonlySet<unknown>): R;
  }

  interface AsymmetricMatchers {
    toSatisfy(predicate: (value: any) => unknown, message?: string): AsymmetricMatcher<unknown>;
    toBeOneOf(expected: readonly unknown[] | ReadonlySet<unknown>): AsymmetricMatcher<unknown>;
  }
}
