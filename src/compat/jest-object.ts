import { mocker, fn, isMockFunction, mocked, replaceProperty, spyOn } from './mocker.js';
import { perThread } from './per-thread.js';
import { timerApi, type TimerApi } from './timer-api.js';

/**
 * Jest's `jest` object, over the same jest-mock and fake clock as `vi`. Module mocking calls are
 * rewritten by the bundler (transform/hoist-mocks.ts); those that reach this object could not be.
 */
const timeout = perThread('jest-timeout', () => ({ ms: undefined as number | undefined }));

/** a `jest.setTimeout(ms)` in the file, for tests and hooks that name no timeout of their own */
export function jestDefaultTimeout(): number | undefined {
  return timeout.ms;
}

export function resetJestTimeout(): void {
  timeout.ms = undefined;
}

function unhoisted(api: string) {
  return (path?: unknown): never => {
    throw new Error(
      `jest.${api}(${typeof path === 'string' ? JSON.stringify(path) : '...'}) could not be rewritten: ptest handles module mocks in test files and setup files, with the path as a string literal`,
    );
  };
}

export interface Jest extends TimerApi<Jest> {
  fn: typeof fn;
  spyOn: typeof spyOn;
  mocked: typeof mocked;
  isMockFunction: typeof isMockFunction;
  replaceProperty: typeof replaceProperty;
  clearAllMocks(): Jest;
  resetAllMocks(): Jest;
  restoreAllMocks(): Jest;
  createMockFromModule<T>(module: T): T;
  setTimeout(ms: number): Jest;
  mock(path: string, factory?: () => unknown): Jest;
  doMock(path: string, factory?: () => unknown): Jest;
  unmock(path: string): Jest;
  dontMock(path: string): Jest;
  requireActual<T = unknown>(path: string): T;
  requireMock<T = unknown>(path: string): T;
  resetModules(): Jest;
}

export const jest: Jest = {
  fn,
  spyOn,
  mocked,
  isMockFunction,
  replaceProperty,
  clearAllMocks: () => (mocker.clearAllMocks(), jest),
  resetAllMocks: () => (mocker.resetAllMocks(), jest),
  restoreAllMocks: () => (mocker.restoreAllMocks(), jest),
  createMockFromModule: <T>(module: T): T => mocker.generateFromMetadata(mocker.getMetadata(module)!) as T,
  ...timerApi(() => jest, 'jest'),
  setTimeout: (ms: number) => {
    timeout.ms = ms;
    return jest;
  },
  mock: unhoisted('mock'),
  doMock: unhoisted('doMock'),
  unmock: unhoisted('unmock'),
  dontMock: unhoisted('dontMock'),
  requireActual: unhoisted('requireActual'),
  requireMock: unhoisted('requireMock'),
  /** see vi.resetModules: bundled modules have one instance per file */
  resetModules: () => jest,
};
