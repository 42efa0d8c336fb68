import { AsyncLocalStorage } from 'node:async_hooks';
import { equals } from '@jest/expect-utils';
import { describe, expect, it } from 'vitest';
import { promisesWithoutAsyncContext } from '../../../src/compat/promise-equality.js';

/** two promises made where Node 20 marks them, inside an AsyncLocalStorage's run */
function promisesInContext(): [Promise<unknown>, Promise<unknown>] {
  return new AsyncLocalStorage<number>().run(1, () => [(async () => 1)(), Promise.resolve(1)]);
}

describe('promisesWithoutAsyncContext', () => {
  it("finds two promises equal though Node gave each its own async-context symbols, as Jest's equals does without them", () => {
    const [a, b] = promisesInContext();
    // without the tester, the symbols' values differ (the bug it mends, on Node 20)
    const marked = Object.getOwnPropertySymbols(a).length > 0;
    if (marked) expect(equals(a, b, [])).toBe(false);
    expect(equals(a, b, [promisesWithoutAsyncContext])).toBe(true);
  });

  it('still tells apart promises whose own properties differ', () => {
    const [a, b] = promisesInContext();
    Object.assign(a, { label: 'first' });
    expect(equals(a, b, [promisesWithoutAsyncContext])).toBe(false);
    Object.assign(b, { label: 'first' });
    expect(equals(a, b, [promisesWithoutAsyncContext])).toBe(true);
  });

  it('leaves every other value to the next tester', () => {
    expect(promisesWithoutAsyncContext.call({ equals: () => true } as never, { a: 1 }, Promise.resolve(), [])).toBeUndefined();
  });
});
