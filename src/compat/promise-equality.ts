import type { Tester, TesterContext } from 'expect';

/**
 * Node 20 marks every promise made while an AsyncLocalStorage is in use (ptest's worker keeps
 * some: which test wrote a line, which one threw) with enumerable symbols of its own, each
 * promise with its own values. expect counts them, so `expect(getConfig()).toEqual(Promise.resolve(x))`,
 * which passes under Jest, failed. Two promises compare by their other own properties, as in Jest.
 */
const ASYNC_CONTEXT = new Set(['async_id_symbol', 'trigger_async_id_symbol', 'kResourceStore']);

export const promisesWithoutAsyncContext: Tester = function (this: TesterContext, a, b, testers) {
  if (!(a instanceof Promise) || !(b instanceof Promise)) return undefined;
  return this.equals(ownProperties(a), ownProperties(b), testers);
};

function ownProperties(promise: Promise<unknown>): Record<PropertyKey, unknown> {
  const copy: Record<PropertyKey, unknown> = {};
  for (const key of Reflect.ownKeys(promise)) {
    if (typeof key === 'symbol' && ASYNC_CONTEXT.has(key.description ?? '')) continue;
    if (Object.getOwnPropertyDescriptor(promise, key)?.enumerable) copy[key] = (promise as unknown as Record<PropertyKey, unknown>)[key];
  }
  return copy;
}
