import { clock } from './fake-clock.js';

/**
 * vi.waitFor / vi.waitUntil: retry a callback until it succeeds (or returns truthy) within a time
 * limit. The real timers are captured here, so polling still runs while the test fakes time (the
 * fake clock is advanced by each interval instead, as Vitest does).
 */
const realSetTimeout = globalThis.setTimeout;
const realNow = performance.now.bind(performance);
type Options = number | { timeout?: number; interval?: number };

export async function waitFor<T>(callback: () => T | Promise<T>, options: Options = {}): Promise<T> {
  return poll(callback, options, 'waitFor', () => true);
}

export async function waitUntil<T>(callback: () => T | Promise<T>, options: Options = {}): Promise<T> {
  return poll(callback, options, 'waitUntil', (value) => Boolean(value));
}

async function poll<T>(callback: () => T | Promise<T>, options: Options, name: string, done: (value: T) => boolean): Promise<T> {
  const { timeout = 1000, interval = 50 } = typeof options === 'number' ? { timeout: options } : options;
  const deadline = realNow() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await callback();
      if (done(value)) return value;
    } catch (error) {
      if (name === 'waitUntil') throw error;
      lastError = error;
    }
    if (realNow() >= deadline) throw lastError ?? new Error(`Timed out in ${name}!`);
    if (clock.installed) clock.active('vi').tick(interval);
    await new Promise<void>((resolve) => realSetTimeout(resolve, interval));
  }
}
