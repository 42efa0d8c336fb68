import type { NotRun, RunEvent, StopReason } from '../model/events.js';
import { isFailure } from '../model/outcome.js';
import { PROTOCOL_VERSION, isFilePart, type RunRequest, type RunSettings, type WorkUnit } from '../model/protocol.js';
import type { Planner, SlotId } from '../plan/planner.js';
import { CrashIsolation } from './crash-isolation.js';
import { crashMessage, describePhase, restartCapMessage, RESTARTS_PER_WORKER } from './loss-messages.js';
import { RerunPolicy } from './rerun-policy.js';
import type { Pool, UnitExit } from './pool.js';
import { UnitTracker } from './unit-tracker.js';
import { Watchdog, within, type Phase, type Timers } from './watchdog.js';

/**
 * The coordinator's loop: each idle slot asks the planner for a unit and runs it on the pool,
 * worker messages become run events, and a unit whose thread dies is settled (blame what ran,
 * queue again what never ran) while the run goes on. Message handling is synchronous; after every
 * await the loop checks whether the run was stopped.
 */
export interface DispatcherDeps {
  pool: Pool;
  planner: Planner;
  settings: RunSettings;
  emit: (event: RunEvent) => void;
  /** ms since the run started */
  now: () => number;
  timers: Timers;
  /** stop after this many failed tests (0 = never): counted as they end, or, `failuresFromFeed`, as the run's feed tells them (`failed`) */
  bail: number;
  failuresFromFeed?: boolean;
  /** a thread whose heap is above this after a unit is replaced before the next (Jest's workerIdleMemoryLimit); null = never */
  recycleAboveBytes: number | null;
  /** a fresh worker for every unit after a slot's first (--isolate) */
  isolate?: boolean;
  /** what the error that stops a run for lost threads suggests, if anything */
  lossHint?: string;
  /** told once when the run starts to stop early, before running units are aborted */
  onStop?: (reason: StopReason) => void;
}

/** how long an interrupted run waits for setupWorker teardowns */
export const FINISH_AFTER_INTERRUPT_MS = 5000;

export class Dispatcher {
  private stopReason: StopReason | undefined;
  private readonly inFlight = new Map<AbortController, string>(); // each running unit's abort → its id
  private failures = 0;
  private losses = 0;
  private wake: (() => void) | undefined;
  private readonly isolation = new CrashIsolation();
  private readonly notRunTests: NotRun['tests'] = [];
  private readonly notRunFiles = new Set<string>();
  /** slots whose thread ended its last unit with a heap above the limit, and that heap */
  private readonly bloated = new Map<SlotId, number>();
  /** slots that have run a unit: under --isolate their worker is replaced before the next */
  private readonly used = new Set<SlotId>();
  private readonly reruns: RerunPolicy;

  constructor(private readonly deps: DispatcherDeps) {
    this.reruns = new RerunPolicy(deps.settings.reruns);
  }

  get stoppedBy(): StopReason | undefined {
    return this.stopReason;
  }

  /** what the run left undone, when it stopped early */
  get notRun(): NotRun {
    const files = new Set(this.notRunFiles);
    if (this.stopReason) for (const unit of [...this.deps.planner.remaining(), ...this.isolation.remaining()]) files.add(unit.file);
    return { tests: [...this.notRunTests], files: [...files].sort() };
  }

  async run(units: readonly WorkUnit[]): Promise<void> {
    const slots = Array.from({ length: this.deps.settings.workerCount }, (_, i) => i);
    for (const slot of slots) this.deps.planner.addSlot(slot);
    this.deps.planner.add(units);
    await Promise.all(slots.map((slot) => this.slotLoop(slot)));
    const interrupted = this.stopReason === 'interrupt';
    // An interrupted run still tears down per-worker resources (a database per worker must not leak), but does not wait long for them, nor for stray errors nobody would read.
    if (interrupted && !this.deps.settings.setupWorker) return;
    const finishing = Promise.all(slots.map((slot) => this.deps.pool.finishSlot(slot, this.deps.settings)));
    const strays = interrupted ? await within(this.deps.timers, FINISH_AFTER_INTERRUPT_MS, finishing) : await finishing;
    for (const stray of strays?.flat() ?? []) this.deps.emit({ type: 'error', error: { ...stray, kind: stray.kind ?? 'uncaught' } });
  }

  /** The planner has news from outside the run (a queue's units arrived): idle slots look again. */
  recheck(): void {
    this.notify();
  }

  /** Ends the run early: nothing new starts, running units are aborted. */
  stop(reason: StopReason): void {
    if (!this.stopReason) this.deps.onStop?.(reason);
    this.stopReason ??= reason;
    for (const controller of this.inFlight.keys()) controller.abort(reason);
    this.notify();
  }

  /** Stops these units where they run, and the run goes on: their work is done elsewhere (a --queue backup race lost). */
  cancel(unitIds: readonly string[]): void {
    for (const [controller, id] of this.inFlight) if (unitIds.includes(id)) controller.abort('cancelled');
  }

  /** Failed tests towards --bail, from a --queue job's feed once the queue accepted them: a copy whose results it refused stops nothing. */
  failed(count: number): boolean {
    this.failures += count;
    return this.deps.bail > 0 && this.failures >= this.deps.bail && (this.stop('bail'), true);
  }

  private async slotLoop(slot: SlotId): Promise<void> {
    const { planner } = this.deps;
    while (!this.stopReason && (!planner.isFinished || this.isolation.active)) {
      if (this.isolation.active) {
        const suspect = this.isolation.next(this.inFlight.size);
        await (suspect ? this.runSuspect(slot, suspect) : this.idle());
        continue;
      }
      const unit = planner.next(slot, this.deps.now());
      if (unit) await this.runUnit(slot, unit);
      // Nothing for this slot yet, but another slot's unit may still hand back leftovers.
      else await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise<void>((resolve) => (this.wake = chain(this.wake, resolve)));
  }

  /** One planned unit: run it, and tell the planner how long it took and what it left undone. */
  private async runUnit(slot: SlotId, unit: WorkUnit): Promise<void> {
    const { busyMs, leftovers } = await this.execute(slot, unit);
    this.deps.planner.done(slot, unit.id, busyMs);
    if (leftovers && !this.stopReason) this.deps.planner.requeue(slot, [leftovers]);
    this.notify();
  }

  /** A suspect of a shared crash, run alone: crashing again makes it the culprit. */
  private async runSuspect(slot: SlotId, suspect: WorkUnit): Promise<void> {
    const { planner } = this.deps;
    planner.adopt?.(slot, suspect, this.deps.now());
    const { exit, busyMs, leftovers } = await this.execute(slot, suspect);
    if (planner.adopt) planner.done(slot, suspect.id, busyMs);
    const result = this.isolation.finished(exit.kind === 'crashed');
    if (leftovers && !this.stopReason) this.deps.planner.requeue(slot, [leftovers]);
    this.release(result);
  }

  private release(result: ReturnType<CrashIsolation['conclude']>): void {
    if (result?.unexplained) this.deps.emit({ type: 'error', error: { file: null, kind: 'crash', message: result.unexplained } });
    if (!this.stopReason) for (const held of result?.release ?? []) this.deps.planner.requeue(held.slot, [held.unit]);
    this.notify();
  }

  private async execute(slot: SlotId, unit: WorkUnit): Promise<{ exit: UnitExit; busyMs: number; leftovers?: WorkUnit }> {
    const { pool, settings, now, timers } = this.deps;
    // replaced only when it has more to run: after the last unit it would be wasted start-up
    const heapUsedBefore = this.bloated.get(slot);
    this.bloated.delete(slot);
    if (heapUsedBefore !== undefined || unit.isolated || (this.deps.isolate && this.used.has(slot))) await pool.recycle(slot);
    this.used.add(slot);
    if (heapUsedBefore !== undefined) this.deps.emit({ type: 'worker:recycled', slot, heapUsedBytes: heapUsedBefore });
    const startMs = now();
    // Busy time counts from when the thread picks the unit up: a thread still starting (or being replaced) is idle time, not part of this file's duration in the history.
    let pickedUpMs = startMs;
    const controller = new AbortController();
    let expired: { phase: Phase; timeoutMs: number } | undefined;
    let heapUsedBytes = 0;
    const watchdog = new Watchdog(timers, (phase, timeoutMs) => {
      // NOTE: record why before terminating, or the cause is lost with the thread.
      expired = { phase, timeoutMs };
      controller.abort('timeout');
    });
    const tracker = new UnitTracker(slot, unit, now, (event) => this.emitCounted(event));
    this.deps.emit({ type: 'unit:start', slot, file: unit.file, atMs: startMs, ...(isFilePart(unit) ? { part: true as const } : {}) });
    this.inFlight.set(controller, unit.id);
    const request: RunRequest = { version: PROTOCOL_VERSION, slot, unit, settings };
    const exit = await pool.run(
      request,
      (message) => {
        if (message.type === 'unit:started') pickedUpMs = now();
        if (message.type === 'unit:end') heapUsedBytes = message.heapUsedBytes;
        watchdog.observe(message);
        tracker.onMessage(message);
      },
      controller.signal,
    );
    this.inFlight.delete(controller);
    const phase = watchdog.current;
    watchdog.stop();

    let leftovers: WorkUnit | undefined;
    if (exit.kind === 'crashed' || (exit.kind === 'aborted' && expired)) this.countLoss();
    if (exit.kind === 'crashed' && (exit.casualties ?? 1) > 1) {
      this.deps.emit({ type: 'worker:lost', slot, reason: exit.message });
      const split = tracker.splitForIsolation();
      this.deps.planner.inherit?.(unit.id, [split.suspect, split.rest].filter((u) => u !== undefined));
      this.isolation.add(crashMessage(exit), slot, split);
      if (!this.isolation.active) this.release(this.isolation.conclude());
    } else if (exit.kind === 'crashed') {
      this.deps.emit({ type: 'worker:lost', slot, reason: exit.message });
      leftovers = tracker.settleAbnormalEnd({ status: 'crashed', message: crashMessage(exit), phase });
    } else if (exit.kind === 'aborted' && expired) {
      const message = `${describePhase(expired.phase)} blocked its worker for over ${expired.timeoutMs} ms; the thread was terminated`;
      this.deps.emit({ type: 'worker:lost', slot, reason: message });
      leftovers = tracker.settleAbnormalEnd({ status: 'timedOut', message, phase: expired.phase });
    }
    // Stopped mid-unit (or with leftovers nobody will run): what never finished did not run.
    if (this.stopReason && (exit.kind === 'aborted' || leftovers)) {
      const refs = tracker.unfinishedRefs();
      if (refs) this.notRunTests.push(...refs.map((test) => ({ slot, test })));
      else this.notRunFiles.add(unit.file);
    }
    const endMs = now();
    // Only a whole file that ran to its end is a sample of the file's duration.
    const whole = exit.kind === 'done' && !unit.testIds && !unit.excludeTestIds && settings.grep === null;
    this.deps.emit({ type: 'unit:end', slot, file: unit.file, atMs: endMs, busyMs: endMs - pickedUpMs, whole });
    const limit = this.deps.recycleAboveBytes;
    if (exit.kind === 'done' && limit !== null && heapUsedBytes > limit) this.bloated.set(slot, heapUsedBytes);
    if (exit.kind !== 'done') for (const test of tracker.awaitingRetry()) this.reruns.resume(slot, test);
    const retries = this.reruns.take(slot);
    if (retries.length > 0 && !this.stopReason) this.deps.planner.requeue(slot, retries);
    return { exit, busyMs: endMs - pickedUpMs, ...(leftovers ? { leftovers } : {}) };
  }

  /** Every lost thread is replaced, up to the cap; then the run stops instead of churning. */
  private countLoss(): void {
    const cap = RESTARTS_PER_WORKER * this.deps.settings.workerCount;
    if (++this.losses <= cap || this.stopReason) return;
    this.deps.emit({ type: 'error', error: { file: null, kind: 'crash', message: restartCapMessage(this.losses, this.deps.lossHint) } });
    this.stop('restart-cap');
  }

  /** Test ends decide retries and count towards --bail; a failure that will be retried does not count. */
  private emitCounted(event: RunEvent): void {
    if (event.type !== 'test:end') return this.deps.emit(event);
    const retry = this.reruns.onAttemptEnd(event.slot, event.test, event.attempt.status, { retryInPlace: event.retry === true, final: event.final === true });
    const ended = retry ? { ...event, retry: true as const } : event;
    this.deps.emit(ended);
    if (isFailure(ended.attempt.status) && !ended.retry && !this.deps.failuresFromFeed) this.failed(1);
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

const chain = (previous: (() => void) | undefined, next: () => void): (() => void) => (previous ? () => (previous(), next()) : next);
