import { fn, isMockFunction, mocked, mocker, replaceProperty, spyOn } from './mocker.js';
import { settled } from './settled-results.js';
import { resetsAsVitest } from './vitest-resets.js';

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

/**
 * `vitest`: the mocks it makes are Vitest's: they record `mock.settledResults` (settled-results.ts),
 * are named as Vitest names them, `vi.fn()` and a spy by its method, which a snapshot prints
 * (`[MockFunction max]`) and a failed spy matcher names, and are reset as Vitest resets them
 * (vitest-resets.ts).
 */
export function mockApi<T>(owner: () => T, vitest = false): MockApi<T> {
  return {
    fn: vitest ? ((...args: Parameters<typeof fn>) => resetsAsVitest(settled(namedAs(fn(...args), 'vi.fn()')))) as typeof fn : fn,
    spyOn: vitest ? ((...args: unknown[]) => resetsAsVitest(settled(namedAs((spyOn as (...a: unknown[]) => unknown)(...args), String(args[1]))))) as typeof spyOn : spyOn,
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

/** the mock's name unless the test names it, also after a reset (jest-mock's default is `jest.fn()`) */
function namedAs<M>(mock: M, name: string): M {
  const m = mock as { getMockName(): string };
  const named = m.getMockName.bind(m);
  m.getMockName = () => {
    const own = named();
    return own === 'jest.fn()' ? name : own;
  };
  return mock;
}
