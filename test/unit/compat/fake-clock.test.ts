import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/compat/fake-clock.js';

describe('fake timers', () => {
  const clock = new FakeClock();
  afterEach(() => clock.uninstall());

  it("jest.useFakeTimers('legacy') (Jest 26/27) fakes the timer functions but lets Date move", async () => {
    clock.install('jest', 'legacy');
    let fired = 0;
    setTimeout(() => fired++, 1000);
    const start = Date.now();
    // real time passes: a Date.now() busy-wait (as RTK's tests have) must end
    while (Date.now() === start) await new Promise((resolve) => process.nextTick(resolve));
    expect(fired).toBe(0);
    clock.active('jest').tick(1000);
    expect(fired).toBe(1);
  });

  it("leaves setImmediate real under Jest's legacy timers, whose setImmediate also runs for real", async () => {
    clock.install('jest', 'legacy');
    await new Promise((resolve) => setImmediate(resolve));
  });

  it("leaves the timers module's functions real, as Jest and Vitest 4.1.12 do (React 19's act() ends on require('timers').setImmediate)", () => {
    const timers = createRequire(import.meta.url)('node:timers') as typeof import('node:timers');
    const real = { setTimeout: timers.setTimeout, setImmediate: timers.setImmediate };
    for (const dialect of ['jest', 'vitest'] as const) {
      clock.install(dialect);
      expect(globalThis.setTimeout).not.toBe(real.setTimeout);
      expect(globalThis.setImmediate).not.toBe(real.setImmediate);
      expect({ setTimeout: timers.setTimeout, setImmediate: timers.setImmediate }).toEqual(real);
    }
  });

  it("vi.useFakeTimers takes Vitest's defaults: a real timer cleared while faked is cancelled, and runAllTimers goes on to 10,000", async () => {
    let fired = false;
    const real = setTimeout(() => (fired = true), 20);
    clock.install('vitest');
    clearTimeout(real);
    clock.uninstall();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(fired).toBe(false);
    clock.install('vitest');
    let ticks = 0;
    const tick = (): void => void (++ticks < 5000 && setTimeout(tick, 1));
    setTimeout(tick, 1);
    clock.active('vitest').runAll();
    expect(ticks).toBe(5000);
  });

  it("starts every useFakeTimers() from the config's options, under the call's own", () => {
    clock.configure({ now: 5000 });
    try {
      clock.install('jest');
      expect(Date.now()).toBe(5000);
      clock.install('jest', { now: 7000 });
      expect(Date.now()).toBe(7000);
    } finally {
      clock.configure({});
    }
  });

  it("jest.useFakeTimers('modern') and the default fake Date as well", () => {
    for (const config of ['modern', undefined] as const) {
      clock.install('jest', config);
      const start = Date.now();
      clock.active('jest').tick(5000);
      expect(Date.now() - start).toBe(5000);
      clock.uninstall();
    }
  });
});
