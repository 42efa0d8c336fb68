import { mocker, fn, isMockFunction, mocked, replaceProperty, spyOn } from './mocker.js';
import { stubs } from './stubs.js';
import { timerApi, type TimerApi } from './timer-api.js';
import { waitFor, waitUntil } from './wait-for.js';

/**
 * Vitest's `vi`: jest-mock for spies, @sinonjs/fake-timers for time, and module mocking by the
 * bundler (transform/hoist-mocks.ts rewrites `vi.mock` calls before the file runs; one that reaches
 * this object was not a call the rewrite could see).
 */
function unhoisted(api: string) {
  return (path?: unknown): never => {
    throw new Error(
      `vi.${api}(${typeof path === 'string' ? JSON.stringify(path) : '...'}) could not be hoisted: ptest handles module mocks in test files and setup files, with the path as a string literal`,
    );
  };
}

export interface Vi extends TimerApi<Vi> {
  fn: typeof fn;
  spyOn: typeof spyOn;
  mocked: typeof mocked;
  isMockFunction: typeof isMockFunction;
  replaceProperty: typeof replaceProperty;
  clearAllMocks(): Vi;
  resetAllMocks(): Vi;
  restoreAllMocks(): Vi;
  stubEnv(name: string, value: string | boolean | undefined): Vi;
  unstubAllEnvs(): Vi;
  stubGlobal(name: PropertyKey, value: unknown): Vi;
  unstubAllGlobals(): Vi;
  hoisted<T>(factory: () => T): T;
  mock(path: string, factory?: unknown): void;
  doMock(path: string, factory?: unknown): void;
  unmock(path: string): void;
  doUnmock(path: string): void;
  importActual<T = Record<string, unknown>>(path: string): Promise<T>;
  importMock<T = Record<string, unknown>>(path: string): Promise<T>;
  resetModules(): Vi;
  waitFor: typeof waitFor;
  waitUntil: typeof waitUntil;
}

export const vi: Vi = {
  fn,
  spyOn,
  mocked,
  isMockFunction,
  replaceProperty,
  clearAllMocks: () => (mocker.clearAllMocks(), vi),
  resetAllMocks: () => (mocker.resetAllMocks(), vi),
  restoreAllMocks: () => (mocker.restoreAllMocks(), vi),
  ...timerApi(() => vi, 'vitest'),
  stubEnv: (name: string, value: string | boolean | undefined) => (stubs.stubEnv(name, value), vi),
  unstubAllEnvs: () => (stubs.unstubAllEnvs(), vi),
  stubGlobal: (name: PropertyKey, value: unknown) => (stubs.stubGlobal(name, value), vi),
  unstubAllGlobals: () => (stubs.unstubAllGlobals(), vi),
  hoisted: <T>(factory: () => T): T => factory(),
  mock: unhoisted('mock'),
  doMock: unhoisted('doMock'),
  unmock: unhoisted('unmock'),
  doUnmock: unhoisted('doUnmock'),
  importActual: unhoisted('importActual'),
  importMock: unhoisted('importMock'),
  /**
   * Bundled modules are instantiated once per file: there is no registry to empty. Later dynamic
   * imports in the same file get the same instances (a documented difference from Vitest).
   */
  resetModules: () => vi,
  waitFor,
  waitUntil,
};
