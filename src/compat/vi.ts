import { freshModules } from './fresh-modules.js';
import { mockApi, unrewritten, type MockApi } from './mock-api.js';
import { stubs } from './stubs.js';
import { timerApi, type TimerApi } from './timer-api.js';
import { waitFor, waitUntil } from './wait-for.js';

/**
 * Vitest's `vi`: jest-mock for spies, @sinonjs/fake-timers for time, and module mocking by the
 * bundler (transform/hoist-mocks.ts rewrites `vi.mock` calls before the file runs).
 */
export interface Vi extends MockApi<Vi>, TimerApi<Vi> {
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
  ...mockApi(() => vi, true),
  ...timerApi(() => vi, 'vitest'),
  stubEnv: (name: string, value: string | boolean | undefined) => (stubs.stubEnv(name, value), vi),
  unstubAllEnvs: () => (stubs.unstubAllEnvs(), vi),
  stubGlobal: (name: PropertyKey, value: unknown) => (stubs.stubGlobal(name, value), vi),
  unstubAllGlobals: () => (stubs.unstubAllGlobals(), vi),
  hoisted: <T>(factory: () => T): T => factory(),
  mock: unrewritten('vi', 'mock'),
  doMock: unrewritten('vi', 'doMock'),
  unmock: unrewritten('vi', 'unmock'),
  doUnmock: unrewritten('vi', 'doUnmock'),
  importActual: unrewritten('vi', 'importActual'),
  importMock: unrewritten('vi', 'importMock'),
  resetModules: () => (freshModules.reset(), vi),
  waitFor,
  waitUntil,
};
