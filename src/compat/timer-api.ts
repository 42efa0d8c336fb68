import { clock, type Dialect, type JestTimerConfig, type VitestTimerConfig } from './fake-clock.js';

/**
 * The fake-timer methods `vi` and `jest` share, named as both name them. Each returns the owner
 * object, so calls chain (`vi.useFakeTimers().setSystemTime(...)`), as in both runners.
 */
export interface TimerApi<T> {
  useFakeTimers(config?: VitestTimerConfig | JestTimerConfig | 'legacy' | 'modern'): T;
  useRealTimers(): T;
  isFakeTimers(): boolean;
  advanceTimersByTime(ms: number): T;
  advanceTimersByTimeAsync(ms: number): Promise<T>;
  advanceTimersToNextTimer(steps?: number): T;
  advanceTimersToNextTimerAsync(steps?: number): Promise<T>;
  advanceTimersToNextFrame(): T;
  runAllTimers(): T;
  runAllTimersAsync(): Promise<T>;
  runOnlyPendingTimers(): T;
  runOnlyPendingTimersAsync(): Promise<T>;
  runAllTicks(): T;
  clearAllTimers(): T;
  getTimerCount(): number;
  setSystemTime(now?: number | string | Date): T;
  getRealSystemTime(): number;
  getMockedSystemTime(): Date | null;
  now(): number;
}

export function timerApi<T extends object>(owner: () => T, dialect: Dialect): TimerApi<T> {
  const api = dialect === 'jest' ? 'jest' : 'vi';
  const on = (run: () => void): T => {
    run();
    return owner();
  };
  return {
    useFakeTimers: (config?: VitestTimerConfig | JestTimerConfig | 'legacy' | 'modern') => on(() => clock.install(dialect, config)),
    useRealTimers: () => on(() => clock.uninstall()),
    isFakeTimers: () => clock.installed,
    advanceTimersByTime: (ms: number) => on(() => clock.active(api).tick(ms)),
    advanceTimersByTimeAsync: async (ms: number) => {
      await clock.active(api).tickAsync(ms);
      return owner();
    },
    advanceTimersToNextTimer: (steps = 1) => on(() => clock.advanceToNextTimer(steps)),
    advanceTimersToNextTimerAsync: async (steps = 1) => {
      await clock.advanceToNextTimerAsync(steps);
      return owner();
    },
    advanceTimersToNextFrame: () => on(() => clock.active(api).runToFrame()),
    runAllTimers: () => on(() => clock.active(api).runAll()),
    runAllTimersAsync: async () => {
      await clock.active(api).runAllAsync();
      return owner();
    },
    runOnlyPendingTimers: () => on(() => clock.active(api).runToLast()),
    runOnlyPendingTimersAsync: async () => {
      await clock.active(api).runToLastAsync();
      return owner();
    },
    runAllTicks: () => on(() => clock.active(api).runMicrotasks()),
    clearAllTimers: () => on(() => clock.installed && clock.active(api).reset()),
    getTimerCount: () => (clock.installed ? clock.active(api).countTimers() : 0),
    setSystemTime: (now?: number | string | Date) => on(() => clock.setSystemTime(now)),
    getRealSystemTime: () => clock.getRealSystemTime(),
    getMockedSystemTime: () => (clock.installed ? new Date(clock.active(api).now) : null),
    now: () => (clock.installed ? clock.active(api).now : Date.now()),
  };
}
