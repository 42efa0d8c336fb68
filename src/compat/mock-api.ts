import { fn, isMockFunction, mocked, mocker, replaceProperty, spyOn } from './mocker.js';
import { settled } from './settled-results.js';

/**
 * The mock-function half that `vi` and `jest` share (jest-mock's, on the thread's mocker). The
 * clearing methods return the owner object, so calls chain as in both runners.
 */
export interface MockApi<T> {
  fn: typeof fn;
  spyOn: typeof spyOn;
  mocked: typeof mocked;
  isMockFunction: typeof isMockFunction;
  replaceProperty: typeof replaceProperty;
  clearAllMocks(): T;
  resetAllMocks(): T;
  restoreAllMocks(): T;
}

/** `settle`: the mocks it makes record `mock.settledResults` (Vitest's; see settled-results.ts) */
export function mockApi<T>(owner: () => T, settle = false): MockApi<T> {
  return {
    fn: settle ? ((...args: Parameters<typeof fn>) => settled(fn(...args))) as typeof fn : fn,
    spyOn: settle ? ((...args: unknown[]) => settled((spyOn as (...a: unknown[]) => unknown)(...args))) as typeof spyOn : spyOn,
    mocked,
    isMockFunction,
    replaceProperty,
    clearAllMocks: () => (mocker.clearAllMocks(), owner()),
    resetAllMocks: () => (mocker.resetAllMocks(), owner()),
    restoreAllMocks: () => (mocker.restoreAllMocks(), owner()),
  };
}

/**
 * A module-mocking call that reaches the object at run time: the bundler rewrites the ones it can
 * see (transform/hoist-mocks.ts), so this one named its module some other way.
 */
export function unrewritten(owner: 'vi' | 'jest', api: string) {
  return (path?: unknown): never => {
    throw new Error(
      `${owner}.${api}(${typeof path === 'string' ? JSON.stringify(path) : '...'}) could not be rewritten: ptest handles module mocks in test files and setup files, with the path as a string literal`,
    );
  };
}
