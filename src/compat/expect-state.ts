import { AsyncLocalStorage } from 'node:async_hooks';
import { perThread } from './per-thread.js';

/**
 * expect keeps one state per thread (the assertion count, `expect.assertions(n)`, the test name
 * snapshots are keyed by, expect.soft's failures) on a global object. Concurrent tests of a file
 * run interleaved, so each would count, name and fail by whichever test set that state last. A
 * concurrent test runs inside `withOwnExpectState`: the global's `state` then answers from the
 * test's async context, so the context's `expect` and the imported one are both the test's own
 * (Vitest gets this right only for the context's, and refuses snapshots from the imported one).
 */
const MATCHERS_OBJECT = Symbol.for('$$jest-matchers-object');

type State = Record<string, unknown>;
type Holder = { state: State };

const own = perThread('expect-state', () => ({ storage: new AsyncLocalStorage<State>(), patched: new WeakSet<Holder>() }));

/** Runs `fn` (a concurrent test's attempts) with an expect state of its own. */
export function withOwnExpectState<T>(fn: () => Promise<T>): Promise<T> {
  const holder = (globalThis as unknown as Record<symbol, Holder | undefined>)[MATCHERS_OBJECT];
  if (holder === undefined) throw new Error('ptest: expect must be loaded before its state is made per test');
  if (!own.patched.has(holder)) answerFromContext(holder);
  return own.storage.run({ ...holder.state, suppressedErrors: [] }, fn);
}

/** the global's `state`: the running concurrent test's, else the one serial tests share */
function answerFromContext(holder: Holder): void {
  let shared = holder.state;
  Object.defineProperty(holder, 'state', {
    configurable: true,
    enumerable: true,
    get: () => own.storage.getStore() ?? shared,
    set: (state: State) => void (shared = state),
  });
  own.patched.add(holder);
}
