import { withGlobal, type Clock, type FakeMethod } from '@sinonjs/fake-timers';
import { startedWithout } from './jest-globals.js';
import { perThread } from './per-thread.js';

/**
 * Fake timers as Jest and Vitest both build them, on @sinonjs/fake-timers. One clock per thread:
 * `jest` and `vi` share it, since only one set of fakes can replace the globals at a time.
 * The dialects differ in their defaults: Jest fakes every timer API, nextTick included; Vitest
 * leaves nextTick and queueMicrotask alone.
 */
export type Dialect = 'jest' | 'vitest';

export interface VitestTimerConfig {
  now?: number | Date;
  toFake?: FakeMethod[];
  loopLimit?: number;
  shouldAdvanceTime?: boolean;
  advanceTimeDelta?: number;
  shouldClearNativeTimers?: boolean;
}

export interface JestTimerConfig {
  now?: number | Date;
  doNotFake?: FakeMethod[];
  timerLimit?: number;
  /** true, or how many ms of fake time pass per real ms */
  advanceTimers?: boolean | number;
  legacyFakeTimers?: boolean;
}

const RealDate = Date;
// (Jest's legacy setImmediate also runs for real: RTK's tests rely on it, so it is left real here)
const LEGACY_FAKES: FakeMethod[] = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'];

/**
 * Jest fakes the timers its environment's global had when it was made, before the setup files: a
 * Jest suite's jsdom file has no setImmediate (compat/jest-globals.ts), and faking it would bring
 * it back; one a setup file puts back stays real, as the workaround for flushPromises expects.
 */
function onGlobal(method: FakeMethod): boolean {
  return !startedWithout(method);
}

export class FakeClock {
  // Handed Node's own global, fake-timers would also fake the functions of the `timers` module (and
  // timers/promises, perf_hooks). Jest hands it the test context's global, so those stay real, and
  // Vitest 4.1.12 leaves them real too (measured): code that takes its timers from the module goes
  // on under fake timers (msw 0.x replies through require('timers').setTimeout; React 19's act()
  // ends on require('timers').setImmediate). A stand-in global does the same.
  // Made at each install, not once per thread: fake-timers fakes what the global has when it is
  // made, and a DOM environment's requestAnimationFrame comes with the file (made before it, the
  // frames stayed jsdom's, on jsdom's clock, while performance.now() was the fake one).
  private fakeTimersNow(): ReturnType<typeof withGlobal> {
    return withGlobal(new Proxy(globalThis, {}));
  }
  private clock: Clock | undefined;
  /** the config's fake-timer options, under every useFakeTimers() call's own */
  private defaults: Record<string, unknown> = {};

  /** the suite's config options (Jest's and Vitest's `fakeTimers`), for the files to come */
  configure(defaults: Record<string, unknown>): void {
    this.defaults = defaults;
  }

  /** Jest 26 and 27 also take `'legacy'` or `'modern'` */
  install(dialect: Dialect, config: VitestTimerConfig | JestTimerConfig | 'legacy' | 'modern' = {}): void {
    const now = this.clock?.now ?? RealDate.now();
    this.uninstall();
    const timers = this.fakeTimersNow();
    const all = Object.keys(timers.timers) as FakeMethod[];
    const own = typeof config === 'string' ? (dialect === 'jest' ? { legacyFakeTimers: config === 'legacy' } : {}) : config;
    if (dialect === 'jest') {
      const c: JestTimerConfig = { ...this.defaults, ...own };
      const advance = c.advanceTimers;
      this.clock = timers.install({
        now: c.now ?? now,
        // Jest's legacy timers replace the timer functions only: Date, performance and ticks go on
        toFake: c.legacyFakeTimers ? LEGACY_FAKES : all.filter((method) => !c.doNotFake?.includes(method) && onGlobal(method)),
        loopLimit: c.timerLimit ?? 100_000,
        shouldAdvanceTime: Boolean(advance),
        ...(typeof advance === 'number' ? { advanceTimeDelta: advance } : {}),
        shouldClearNativeTimers: true,
        ignoreMissingTimers: true,
      });
    } else {
      const c: VitestTimerConfig = { ...this.defaults, ...own };
      this.clock = timers.install({
        now,
        // Vitest's defaults (its fakeTimers config), not fake-timers' own (1000, and native timers left alone)
        loopLimit: 10_000,
        shouldClearNativeTimers: true,
        ...c,
        toFake: c.toFake ?? all.filter((method) => method !== 'nextTick' && method !== 'queueMicrotask'),
        ignoreMissingTimers: true,
      });
    }
  }

  uninstall(): void {
    this.clock?.uninstall();
    this.clock = undefined;
  }

  get installed(): boolean {
    return this.clock !== undefined;
  }

  /** the installed clock, or the error both runners give when a test forgot useFakeTimers() */
  active(api: string): Clock {
    if (!this.clock) {
      throw new Error(`A function to advance timers was called but the timers APIs are not mocked. Call \`${api}.useFakeTimers()\` in the test file first.`);
    }
    return this.clock;
  }

  /** the clock's time while faked, else Date itself is replaced (Vitest allows setSystemTime without fakes) */
  setSystemTime(now: number | string | Date | undefined): void {
    const time = now === undefined ? RealDate.now() : new RealDate(now).getTime();
    if (this.clock) this.clock.setSystemTime(time);
    else this.fakeDateOnly(time);
  }

  getRealSystemTime(): number {
    return RealDate.now();
  }

  advanceToNextTimer(steps: number): void {
    const clock = this.active('vi');
    for (let i = steps; i > 0; i--) {
      clock.next();
      clock.tick(0); // fires every timer due at the same instant (sinonjs/fake-timers#250)
      if (clock.countTimers() === 0) break;
    }
  }

  async advanceToNextTimerAsync(steps: number): Promise<void> {
    const clock = this.active('vi');
    for (let i = steps; i > 0; i--) {
      await clock.nextAsync();
      clock.tick(0);
      if (clock.countTimers() === 0) break;
    }
  }

  private fakeDateOnly(time: number): void {
    this.clock = this.fakeTimersNow().install({ now: time, toFake: ['Date'], ignoreMissingTimers: true });
  }
}

export const clock: FakeClock = perThread('clock', () => new FakeClock());
