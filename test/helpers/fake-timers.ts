import type { Timers } from '../../src/run/watchdog.js';

/** A hand-cranked clock for the pure run objects: timers fire only when a test advances time. */
export class FakeTimers implements Timers {
  now = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();

  set = (fn: () => void, ms: number): number => {
    const id = this.nextId++;
    this.pending.set(id, { at: this.now + ms, fn });
    return id;
  };

  clear = (id: unknown): void => void this.pending.delete(id as number);

  advance(ms: number): void {
    this.now += ms;
    for (const [id, timer] of [...this.pending].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at <= this.now && this.pending.delete(id)) timer.fn();
    }
  }
}
