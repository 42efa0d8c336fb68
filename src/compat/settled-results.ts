import type { ModuleMocker } from 'jest-mock';
import type { Settled } from './matchers-chai.js';
import { isThenable } from '../model/thenable.js';

interface MockResult {
  type: 'return' | 'throw' | 'incomplete';
  value: unknown;
}

/**
 * Vitest's spies record how each call's result settled as `mock.settledResults`, which its
 * toHaveResolved* matchers read and its users assert on; jest-mock records no such thing. A mock
 * made through `vi` (fn, spyOn) gets that list beside `results`, kept as jest-mock fills them: a
 * call's entry is 'incomplete' while it runs, 'rejected' if it threw, 'fulfilled' with a plain
 * value, and a returned promise's entry becomes one or the other when the promise settles, as in
 * Vitest. Watching a promise handles its rejection, as Vitest's spies do; Jest's do not, so a
 * `jest.fn` is left alone and a rejection nobody awaited is still reported there.
 */
const settling = new WeakSet<object>();

/** a mock made through `vi`: its states get `settledResults` */
export function settled<F>(mock: F): F {
  if (typeof mock === 'function') settling.add(mock);
  return mock;
}

export function withSettledResults(m: ModuleMocker): ModuleMocker {
  const internals = m as unknown as { _ensureMockState?: (f: object) => MockState };
  const ensure = internals._ensureMockState;
  // a jest-mock without this internal keeps its own behaviour (the matchers then say what they cannot tell)
  if (typeof ensure !== 'function') return m;
  // every call and every read of `.mock` goes through here; a cleared mock's new state is taken up on its next
  internals._ensureMockState = (f) => {
    const state = ensure.call(m, f);
    if (!state.settledResults && settling.has(f)) track(state);
    return state;
  };
  return m;
}

interface MockState {
  results: MockResult[];
  settledResults?: Settled[];
}

function track(state: MockState): void {
  const settledResults: Settled[] = [];
  const { results } = state;
  results.push = (...items: MockResult[]): number => {
    for (const item of items) watch(item, settledResults);
    return Array.prototype.push.apply(results, items);
  };
  state.settledResults = settledResults;
}

function watch(result: MockResult, settled: Settled[]): void {
  const index = settled.push({ type: 'incomplete', value: undefined }) - 1;
  let { type, value } = result;
  let watched: unknown;
  // jest-mock sets the type, then the value: each assignment recomputes the entry, so the order does not matter
  const update = (): void => {
    if (type === 'incomplete') return;
    if (type === 'throw') settled[index] = { type: 'rejected', value };
    else if (!isThenable(value)) settled[index] = { type: 'fulfilled', value };
    else {
      settled[index] = { type: 'incomplete', value: undefined };
      if (watched === value) return;
      watched = value;
      value.then(
        (fulfilled) => void (settled[index] = { type: 'fulfilled', value: fulfilled }),
        (rejected) => void (settled[index] = { type: 'rejected', value: rejected }),
      );
    }
  };
  Object.defineProperties(result, {
    type: { get: () => type, set: (next: MockResult['type']) => ((type = next), update()), enumerable: true, configurable: true },
    value: { get: () => value, set: (next: unknown) => ((value = next), update()), enumerable: true, configurable: true },
  });
}
