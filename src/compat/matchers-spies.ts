import type { MatcherContext } from 'expect';
import { chaiInspect, chaiResult, equalsArgumentArray, formatCalls, getSpy, isSpy, type Result, type Spy } from './matchers-chai.js';

// Vitest's call-count and call-order matchers, which Jest never had: worded as Vitest words them.

export function toHaveBeenCalledOnce(this: MatcherContext, received: unknown): Result {
  const spy = getSpy(received);
  const name = spy.getMockName();
  const count = spy.mock.calls.length;
  return chaiResult(this, {
    pass: count === 1,
    message: `expected "${name}" to be called once, but got ${count} times`,
    negated: `expected "${name}" to not be called once`,
  });
}

export function toHaveBeenCalledExactlyOnceWith(this: MatcherContext, received: unknown, ...args: unknown[]): Result {
  const spy = getSpy(received);
  const name = spy.getMockName();
  const calledWith = spy.mock.calls.some((call) => equalsArgumentArray(this, call, args));
  return chaiResult(this, {
    pass: calledWith && spy.mock.calls.length === 1,
    message: `expected "${name}" to be called once with arguments: #{exp}`,
    negated: `expected "${name}" to not be called once with arguments: #{exp}`,
    expected: args,
    extend: (message) => formatCalls(this, spy, message, args),
  });
}

/**
 * Whether `first` was first called before `second` was. invocationCallOrder comes from one counter
 * per jest-mock ModuleMocker, so mocks made by different mockers cannot be ordered (ptest's `vi.fn`
 * and `jest.fn` share the thread's one mocker).
 */
function calledBefore(first: Spy, second: Spy, failIfNoFirstInvocation: boolean): boolean {
  const [a] = first.mock.invocationCallOrder;
  const [b] = second.mock.invocationCallOrder;
  if (a === undefined) return !failIfNoFirstInvocation;
  return b !== undefined && a < b;
}

function otherSpy(value: unknown): Spy {
  // unlike the received value's check, Vitest words this one without a "!"
  if (!isSpy(value)) throw new TypeError(`${chaiInspect(value)} is not a spy or a call to a spy`);
  return value;
}

export function toHaveBeenCalledBefore(this: MatcherContext, received: unknown, other: unknown, failIfNoFirstInvocation = true): Result {
  const spy = getSpy(received);
  const then = otherSpy(other);
  const [a, b] = [spy.getMockName(), then.getMockName()];
  return chaiResult(this, {
    pass: calledBefore(spy, then, failIfNoFirstInvocation),
    message: `expected "${a}" to have been called before "${b}"`,
    negated: `expected "${a}" to not have been called before "${b}"`,
  });
}

export function toHaveBeenCalledAfter(this: MatcherContext, received: unknown, other: unknown, failIfNoFirstInvocation = true): Result {
  const spy = getSpy(received);
  const before = otherSpy(other);
  const [a, b] = [spy.getMockName(), before.getMockName()];
  return chaiResult(this, {
    pass: calledBefore(before, spy, failIfNoFirstInvocation),
    message: `expected "${a}" to have been called after "${b}"`,
    negated: `expected "${a}" to not have been called after "${b}"`,
  });
}
