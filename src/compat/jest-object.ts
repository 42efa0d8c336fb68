import { freshModules } from './fresh-modules.js';
import { mockApi, unrewritten, type MockApi } from './mock-api.js';
import { mocker } from './mocker.js';
import { perThread } from './per-thread.js';
import { timerApi, type TimerApi } from './timer-api.js';

/**
 * Jest's `jest` object, over the same jest-mock and fake clock as `vi`. Module mocking calls are
 * rewritten by the bundler (transform/hoist-mocks.ts).
 */
const timeout = perThread('jest-timeout', () => ({ ms: undefined as number | undefined }));

/** a `jest.setTimeout(ms)` in the file, for tests and hooks that name no timeout of their own */
export function jestDefaultTimeout(): number | undefined {
  return timeout.ms;
}

export function resetJestTimeout(): void {
  timeout.ms = undefined;
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
}

export const jest: Jest = {
  ...mockApi(() => jest),
  createMockFromModule: <T>(module: T): T => mocker.generateFromMetadata(mocker.getMetadata(module)!) as T,
  ...timerApi(() => jest, 'jest'),
  setTimeout: (ms: number) => {
    timeout.ms = ms;
    return jest;
  },
  mock: unrewritten('jest', 'mock'),
  doMock: unrewritten('jest', 'doMock'),
  unmock: unrewritten('jest', 'unmock'),
  dontMock: unrewritten('jest', 'dontMock'),
  requireActual: unrewritten('jest', 'requireActual'),
  requireMock: unrewritten('jest', 'requireMock'),
  resetModules: () => (freshModules.reset(), jest),
  isolateModules: (fn: () => void) => (freshModules.isolate(fn), jest),
  isolateModulesAsync: (fn: () => Promise<void>) => freshModules.isolateAsync(fn),
};
