import type { HookKind, WorkerMessage } from '../model/protocol.js';

/**
 * Notices a worker that has stopped answering: a test, hook or import that blocks its thread
 * synchronously cannot time itself out, so the coordinator keeps a deadline per running phase and,
 * past it, has the thread terminated. Pure: timers are injected, and it learns phases from the
 * same messages the worker streams.
 */
export type Phase = { kind: 'import' } | { kind: 'hook'; hook: HookKind; suite: string[] } | { kind: 'test'; id: string };

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/**
 * The worker's own timer fires at the timeout; the watchdog waits this much longer so that a
 * merely slow (async) timeout is reported by the worker, with its stack, and the thread is kept.
 */
export const WATCHDOG_GRACE_MS = 1000;

export class Watchdog {
  private readonly stack: { phase: Phase; timeoutMs: number }[] = [];
  private handle: unknown;

  constructor(
    private readonly timers: Timers,
    private readonly onExpire: (phase: Phase, timeoutMs: number) => void,
    private readonly graceMs = WATCHDOG_GRACE_MS,
  ) {}

  observe(message: WorkerMessage): void {
    switch (message.type) {
      case 'file:importing':
        return this.enter({ kind: 'import' }, message.timeoutMs);
      case 'file:collected':
      case 'file:error':
        return this.leaveIf((p) => p.kind === 'import');
      case 'test:start':
        return this.enter({ kind: 'test', id: message.id }, message.timeoutMs);
      case 'test:end':
        return this.leaveIf((p) => p.kind === 'test' && p.id === message.id);
      case 'hook:start':
        return this.enter({ kind: 'hook', hook: message.hook, suite: message.suite }, message.timeoutMs);
      case 'hook:end':
        return this.leaveIf((p) => p.kind === 'hook');
      case 'unit:end':
        return this.stop();
      case 'unit:started':
        return;
    }
  }

  /** the phase that would be blamed if the worker died now */
  get current(): Phase | undefined {
    return this.stack[this.stack.length - 1]?.phase;
  }

  stop(): void {
    this.stack.length = 0;
    this.rearm();
  }

  private enter(phase: Phase, timeoutMs: number): void {
    this.stack.push({ phase, timeoutMs });
    this.rearm();
  }

  private leaveIf(matches: (phase: Phase) => boolean): void {
    const top = this.stack[this.stack.length - 1];
    if (top && matches(top.phase)) {
      this.stack.pop();
      // NOTE: the enclosing phase gets a full timeout again from now: the watchdog only has to
      // catch a thread that stopped answering, the worker itself enforces the exact budget.
      this.rearm();
    }
  }

  private rearm(): void {
    if (this.handle !== undefined) this.timers.clear(this.handle);
    this.handle = undefined;
    const top = this.stack[this.stack.length - 1];
    if (top) this.handle = this.timers.set(() => this.onExpire(top.phase, top.timeoutMs), top.timeoutMs + this.graceMs);
  }
}

/** `promise`'s value, or undefined once `ms` have passed on `timers` */
export async function within<T>(timers: Timers, ms: number, promise: Promise<T>): Promise<T | undefined> {
  let handle: unknown;
  const timeout = new Promise<undefined>((resolve) => (handle = timers.set(() => resolve(undefined), ms)));
  const result = await Promise.race([promise, timeout]);
  timers.clear(handle);
  return result;
}
