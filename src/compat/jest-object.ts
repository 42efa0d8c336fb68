import { freshModules } from './fresh-modules.js';
import { mockApi, unrewritten, type MockApi } from './mock-api.js';
import { mocker } from './mocker.js';
import { perThread } from './per-thread.js';
import { timerApi, type TimerApi } from './timer-api.js';

/**
 * Jest's `jest` object, over the same jest-mock and fake clock as `vi`. Module mocking calls are
 * rewritten by the bundler (transform/hoist-mocks.ts).
 */
const file = perThread('jest-file-settings', () => ({ ms: undefined as number | undefined, retries: { times: 0, waitMs: 0, immediately: false } }));

/** a `jest.setTimeout(ms)` in the file, for tests and hooks that name no timeout of their own */
export function jestDefaultTimeout(): number | undefined {
  return file.ms;
}

/**
 * a `jest.retryTimes(n, { waitBeforeRetry, retryImmediately })` in the file: how often its failed
 * tests are tried again, the pause before each, and whether at once rather than after the other
 * tests of their describe block
 */
export function jestRetries(): { times: number; waitMs: number; immediately: boolean } {
  return file.retries;
}

export function resetJestFileSettings(): void {
  file.ms = undefined;
  file.retries = { times: 0, waitMs: 0, immediately: false };
}

export interface RetryOptions {
  logErrorsBeforeRetry?: boolean;
  retryImmediately?: boolean;
  waitBeforeRetry?: number;
}

export interface Jest extends MockApi<Jest>, TimerApi<Jest> {
  createMockFromModule<T>(module: T): T;
  setTimeout(ms: number): Jest;
  mock(path: string, factory?: () => unknown): Jest;
  doMock(path: string, factory?: () => unknown): Jest;
  unmock(path: string): Jest;
  dontMock(path: string): Jest;
  requireActual<T = unknown>(path: string): T;
  requireMock<T = unknown>(path: string): T;
  resetModules(): Jest;
  isolateModules(fn: () => void): Jest;
  isolateModulesAsync(fn: () => Promise<void>): Promise<void>;
  retryTimes(times: number, options?: RetryOptions): Jest;
  disableAutomock(): Jest;
  autoMockOff(): Jest;
  enableAutomock(): never;
  autoMockOn(): never;
}

/** Jest's `automock` mocks every module a file imports: ptest has no such mode, so turning it off (jscodeshift's test setup does) is already done */
const noAutomock = (name: string) => (): never => {
  throw new Error(`jest.${name}(): ptest does not mock every module automatically (Jest's automock); mock the modules a test needs with jest.mock`);
};

export const jest: Jest = {
  ...mockApi(() => jest),
  createMockFromModule: <T>(module: T): T => mocker.generateFromMetadata(mocker.getMetadata(module)!) as T,
  ...timerApi(() => jest, 'jest'),
  setTimeout: (ms: number) => {
    file.ms = ms;
    return jest;
  },
  // as Jest: after the other tests of the failed test's describe block, unless retryImmediately (worker/execute.ts)
  retryTimes: (times: number, options: RetryOptions = {}) => {
    if (!Number.isInteger(times) || times < 0) throw new TypeError(`jest.retryTimes: expected a whole number of retries, got ${String(times)}`);
    file.retries = { times, waitMs: options.waitBeforeRetry ?? 0, immediately: options.retryImmediately === true };
    return jest;
  },
  mock: unrewritten('jest', 'mock'),
  doMock: unrewritten('jest', 'doMock'),
  unmock: unrewritten('jest', 'unmock'),
  dontMock: unrewritten('jest', 'dontMock'),
  requireActual: unrewritten('jest', 'requireActual'),
  requireMock: unrewritten('jest', 'requireMock'),
  resetModules: () => (freshModules.reset({ packages: true }), jest),
  isolateModules: (fn: () => void) => (freshModules.isolate(fn), jest),
  isolateModulesAsync: (fn: () => Promise<void>) => freshModules.isolateAsync(fn),
  disableAutomock: () => jest,
  autoMockOff: () => jest,
  enableAutomock: noAutomock('enableAutomock'),
  autoMockOn: noAutomock('autoMockOn'),
};
