import { ModuleMocker } from 'jest-mock';
import { perThread } from './per-thread.js';
import { runEach } from './run-each.js';
import { withSettledResults } from './settled-results.js';
import { afterResetAll, afterRestoreAll } from './vitest-resets.js';

/**
 * The thread's jest-mock instance. ptest keeps its own rather than jest-mock's module-level one
 * because `clearAllMocks` / `restoreAllMocks` are only methods of an instance, and the worker must
 * restore every spy a file left on a shared package before the next file runs.
 */
export const mocker: ModuleMocker = perThread('mocker', () => withVitestResets(withSettledResults(withSafeRestore(new ModuleMocker(globalThis)))));

export const fn: ModuleMocker['fn'] = mocker.fn.bind(mocker);
export const spyOn: ModuleMocker['spyOn'] = mocker.spyOn.bind(mocker);
export const replaceProperty: ModuleMocker['replaceProperty'] = mocker.replaceProperty.bind(mocker);
export const isMockFunction: ModuleMocker['isMockFunction'] = mocker.isMockFunction.bind(mocker);
export const mocked: ModuleMocker['mocked'] = mocker.mocked.bind(mocker);

type Restore = () => void;

/**
 * jest-mock registers a spy's restore before it assigns the spy, so a spyOn that throws (on an ES
 * module namespace, whose exports are read-only) leaves a restore that throws too; and its
 * restoreAllMocks stops at the first throw and keeps every entry. Together they made each later
 * file on the thread fail to clean up. Here a failed spyOn or replaceProperty takes back what it
 * registered, and restoreAllMocks runs every restore and always empties the list.
 */
function withSafeRestore(m: ModuleMocker): ModuleMocker {
  const internals = m as unknown as { _spyState?: Set<Restore> };
  // a jest-mock without this internal keeps its own behaviour
  if (!(internals._spyState instanceof Set)) return m;
  const spies = (): Set<Restore> => internals._spyState ?? new Set();
  const rollingBack = (install: (...args: unknown[]) => unknown) => (...args: unknown[]): unknown => {
    const before = new Set(spies());
    try {
      return install(...args);
    } catch (error) {
      for (const restore of spies()) if (!before.has(restore)) spies().delete(restore);
      throw error;
    }
  };
  m.spyOn = rollingBack(m.spyOn.bind(m) as (...args: unknown[]) => unknown) as ModuleMocker['spyOn'];
  m.replaceProperty = rollingBack(m.replaceProperty.bind(m) as (...args: unknown[]) => unknown) as ModuleMocker['replaceProperty'];
  m.restoreAllMocks = () => {
    const all = spies();
    internals._spyState = new Set();
    const failures = runEach(all);
    if (failures.length > 0) throw failures[0];
  };
  return m;
}

/** Vitest's mocks get back what they were made with when all are reset or restored (vitest-resets.ts) */
function withVitestResets(m: ModuleMocker): ModuleMocker {
  const resetAll = m.resetAllMocks.bind(m);
  const restoreAll = m.restoreAllMocks.bind(m);
  m.resetAllMocks = () => {
    resetAll();
    afterResetAll();
  };
  m.restoreAllMocks = () => {
    try {
      restoreAll();
    } finally {
      afterRestoreAll();
    }
  };
  return m;
}
