import type { ExpectationResult, MatcherContext, SyncExpectationResult } from 'expect';

type RawMatcher = (this: MatcherContext, received: unknown, ...args: unknown[]) => ExpectationResult;

/**
 * Names Jest 30 dropped and Vitest still has, run by expect's own matchers so that `toBeCalledWith`
 * and `toHaveBeenCalledWith` pass, fail and read alike in ptest. The hint line names the alias the
 * test wrote, as Jest 29 did. (Vitest's wording for these comes from chai and is its wording for
 * the long names too; ptest's long names are Jest's, and the aliases follow them.)
 */
export const ALIASES = {
  toBeCalled: 'toHaveBeenCalled',
  toBeCalledTimes: 'toHaveBeenCalledTimes',
  toBeCalledWith: 'toHaveBeenCalledWith',
  lastCalledWith: 'toHaveBeenLastCalledWith',
  nthCalledWith: 'toHaveBeenNthCalledWith',
  toReturn: 'toHaveReturned',
  toReturnTimes: 'toHaveReturnedTimes',
  toReturnWith: 'toHaveReturnedWith',
  lastReturnedWith: 'toHaveLastReturnedWith',
  nthReturnedWith: 'toHaveNthReturnedWith',
} as const;

const JEST_MATCHERS_OBJECT = Symbol.for('$$jest-matchers-object');

/**
 * expect's built-in matcher functions are not exported; expect keeps them, with every extension,
 * in this registry on the global object. Looked up per call, so the alias follows whatever the
 * long name is at that moment.
 */
function builtIn(name: string): RawMatcher {
  const registry = (globalThis as Record<symbol, { matchers?: Record<string, RawMatcher> } | undefined>)[JEST_MATCHERS_OBJECT];
  const matcher = registry?.matchers?.[name];
  if (typeof matcher !== 'function') throw new Error(`ptest: expect's ${name} matcher is not registered; load 'expect' before using its aliases`);
  return matcher;
}

/** Runs `canonical` as `alias`: the first mention of the name is the hint line's. */
function runAs(ctx: MatcherContext, alias: string, canonical: string, received: unknown, args: unknown[]): SyncExpectationResult {
  let result: ExpectationResult;
  try {
    result = builtIn(canonical).call(ctx, received, ...args);
  } catch (error) {
    // "received value must be a mock" and the like are thrown, hint line included
    if (error instanceof Error) error.message = error.message.replace(canonical, alias);
    throw error;
  }
  const { pass, message } = result as SyncExpectationResult; // none of these is asynchronous
  return { ...result, pass, message: () => message().replace(canonical, alias) };
}

export const aliasMatchers: Record<keyof typeof ALIASES | 'toThrowError', RawMatcher> = {
  ...(Object.fromEntries(
    Object.entries(ALIASES).map(([alias, canonical]) => [
      alias,
      function (this: MatcherContext, received: unknown, ...args: unknown[]) {
        return runAs(this, alias, canonical, received, args);
      },
    ]),
  ) as Record<keyof typeof ALIASES, RawMatcher>),

  /**
   * Under `.resolves` / `.rejects` expect swaps its toThrow for a variant that takes the settled
   * value itself as what was thrown; that variant is made per call and never registered, so its
   * rule is applied here: an error is what was thrown, a function is still called, and anything
   * else counts as not thrown (Jest's rule, odd as it is for a rejected non-error).
   */
  toThrowError(this: MatcherContext, received: unknown, ...args: unknown[]) {
    let subject = received;
    if (this.promise) {
      subject = isError(received) ? () => { throw received; } : typeof received === 'function' ? received : () => {};
    }
    return runAs(this, 'toThrowError', 'toThrow', subject, args);
  },
};

/** @jest/expect-utils' isError, which decides the above in expect */
function isError(value: unknown): boolean {
  switch (Object.prototype.toString.call(value)) {
    case '[object Error]':
    case '[object Exception]':
    case '[object DOMException]':
      return true;
    default:
      return value instanceof Error;
  }
}
