import type { RunEvent } from '../model/events.js';
import type { WorkUnit } from '../model/protocol.js';
import type { RemotePlanner } from '../plan/remote-planner.js';
import { isFailure } from '../model/outcome.js';
import { describeUnit, requeueCount, requeueId, type ResultBatch } from './queue-model.js';
import type { RedisQueue } from './redis-queue.js';

/**
 * One job's side of the queue while its workers run: reserves units for idle slots, renews the
 * leases of what it holds, and hands in each reserved unit's events once all of it is done here.
 * A lost Redis ends the reserving: the job finishes what it holds, and says what it could not report.
 */
/** how often a job asks again while other jobs hold the last units (one of them may die) */
const POLL_MS = 250;
const IDLE_CHECK_MS = 20;

export class QueueFeeder {
  private readonly held = new Map<string, WorkUnit>();
  private readonly buffers = new Map<string, RunEvent[]>();
  /** per reserved unit: its failed tests to send back to the queue with its results */
  private readonly requeues = new Map<string, WorkUnit[]>();
  private jobEvents: RunEvent[] = [];
  private wakeDispatcher: () => void = () => {};
  private poke: (() => void) | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private pump: Promise<void> | undefined;
  private writes: Promise<void> = Promise.resolve();
  private stopped = false;
  /** the run is stopping early: what is held now is given back, not handed in */
  private stopping = false;
  private lost = false;
  /** units whose results Redis never got (refused, or Redis was gone), for the job's closing words */
  readonly unreported: string[] = [];

  constructor(
    private readonly queue: RedisQueue,
    private readonly planner: RemotePlanner,
    private readonly o: {
      leaseMs: number;
      redacted: string;
      /** how many times a failed test may go back to the queue (`--requeue`), and the build's cap on all of them */
      requeue: number;
      requeueCap: number;
      warn: (line: string) => void;
    },
  ) {}

  /** Starts reserving; `wake` tells the dispatcher there is something new to look at. */
  start(wake: () => void): void {
    this.wakeDispatcher = wake;
    this.heartbeat = setInterval(() => void this.renew(), Math.max(100, Math.floor(this.o.leaseMs / 3)));
    this.pump = this.reserveLoop();
  }

  /** Every run event passes here: each is kept with the reserved unit it belongs to. */
  observe(event: RunEvent): void {
    const root = this.rootOf(event);
    if (root === null) this.jobEvents.push(event);
    else this.bufferOf(root).push(event);
    if (root !== null && event.type === 'test:end' && isFailure(event.attempt.status) && !event.retry) this.considerRequeue(root, event.test);
    if (event.type === 'unit:end' || event.type === 'run:end') setImmediate(() => this.flush());
    if (event.type === 'run:start') this.flush();
  }

  /** The run stops early (bail, interrupt): no more reserving, and units cut short are not handed in as done. */
  stop(): void {
    this.stopping = true;
    this.poke?.();
  }

  /** After the run: the last results in, then the connection closed. */
  async finish(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeat);
    this.poke?.();
    await this.pump;
    this.flush();
    await this.writes;
    await this.releaseUnfinished();
    if (!this.lost) await this.queue.finishJob().catch((error: unknown) => this.loseQueue(error));
    if (this.unreported.length > 0) {
      this.o.warn(`ptest: the results of ${this.unreported.length} unit(s) are not in the build's queue, only in this job's own reports: ${this.unreported.join(', ')}`);
    }
  }

  private async reserveLoop(): Promise<void> {
    while (!this.stopped && !this.stopping && !this.lost) {
      const hunger = this.planner.hunger;
      if (hunger === 0) {
        // woken when a unit ends; the timer covers slots that ask without one ending (the start)
        await this.sleep(IDLE_CHECK_MS);
        continue;
      }
      try {
        const { state, units } = await this.queue.reserve(hunger);
        for (const unit of units) this.held.set(unit.id, unit);
        if (units.length > 0) this.planner.add(units);
        if (state === 'drained') {
          this.planner.drained();
          this.wakeDispatcher();
          return;
        }
        this.wakeDispatcher();
        if (state === 'wait') await this.sleep(POLL_MS);
      } catch (error) {
        this.loseQueue(error);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(), ms);
      const done = (): void => {
        clearTimeout(timer);
        this.poke = undefined;
        resolve();
      };
      this.poke = done;
    });
  }

  /** Hands in the units now wholly done here, and the job's own events; in order, one write at a time. */
  private flush(): void {
    // once stopping, units that "finish" were cut short: they stay held, and are given back
    const completed = this.planner.takeCompleted();
    const batches: [string | null, ResultBatch][] = this.stopping ? [] : completed.map((root) => [root, { root, events: this.take(root) }]);
    if (this.jobEvents.length > 0) batches.push([null, { root: null, events: this.jobEvents.splice(0) }]);
    for (const [root, batch] of batches) {
      if (root !== null) this.held.delete(root);
      this.writes = this.writes.then(() => this.write(root, batch));
    }
    // a slot that finished may want a new unit
    this.poke?.();
  }

  private async write(root: string | null, batch: ResultBatch): Promise<void> {
    if (this.lost) {
      if (root !== null) this.unreported.push(this.describe(root, batch));
      return;
    }
    try {
      if (root === null) return await this.queue.record(batch);
      const requeues = this.requeues.get(root) ?? [];
      this.requeues.delete(root);
      const { accepted, requeued } = await this.queue.complete(root, batch, requeues, this.o.requeueCap);
      if (requeued > 0) this.o.warn(`ptest: sent ${requeued} failed test(s) back to the queue for another job to retry (--requeue)`);
      if (requeued < requeues.length && accepted) this.o.warn(`ptest: ${requeues.length - requeued} failed test(s) not requeued: the build has requeued its ${this.o.requeueCap} already`);
      if (!accepted) {
        this.o.warn(`ptest: ${this.describe(root, batch)}: another job took this unit over (its lease ran out); its results here are left out of the build's report`);
        this.unreported.push(this.describe(root, batch));
      }
    } catch (error) {
      this.loseQueue(error);
      if (root !== null) this.unreported.push(this.describe(root, batch));
    }
  }

  /** A run stopped early (bail, interrupt) gives back what it holds, for the other jobs to run. */
  private async releaseUnfinished(): Promise<void> {
    if (this.lost || this.held.size === 0) return;
    try {
      const released = await this.queue.release([...this.held.keys()]);
      if (released > 0) this.o.warn(`ptest: gave ${released} unfinished unit(s) back to the queue for the other jobs`);
    } catch (error) {
      this.loseQueue(error);
    }
  }

  private async renew(): Promise<void> {
    if (this.lost) return;
    try {
      await this.queue.heartbeat([...this.held.keys()]);
    } catch (error) {
      this.loseQueue(error);
    }
  }

  private loseQueue(error: unknown): void {
    if (this.lost) return;
    this.lost = true;
    this.o.warn(`ptest: lost the queue at ${this.o.redacted} (${this.queue.scrub(error)}): this job finishes the ${this.held.size} unit(s) it holds and reports them itself`);
    this.planner.drained();
    this.wakeDispatcher();
    this.poke?.();
  }

  /** A test's final failure goes back to the queue, up to --requeue times, for another job to retry. */
  private considerRequeue(root: string, test: { id: string; file: string }): void {
    const count = requeueCount(root);
    if (count >= this.o.requeue) return;
    const units = this.requeues.get(root) ?? [];
    units.push({ id: requeueId(test.id, count + 1), file: test.file, testIds: [test.id] });
    this.requeues.set(root, units);
  }

  private rootOf(event: RunEvent): string | null {
    if ('slot' in event) return this.planner.rootOf(event.slot) ?? null;
    if (event.type === 'error' && event.error.file !== null) {
      for (const [id, unit] of this.held) if (unit.file === event.error.file) return id;
    }
    return null;
  }

  private bufferOf(root: string): RunEvent[] {
    let buffer = this.buffers.get(root);
    if (!buffer) this.buffers.set(root, (buffer = []));
    return buffer;
  }

  private take(root: string): RunEvent[] {
    const events = this.buffers.get(root) ?? [];
    this.buffers.delete(root);
    return events;
  }

  private describe(root: string, batch: ResultBatch): string {
    const start = batch.events.find((e) => e.type === 'unit:start');
    return describeUnit(root, this.held.get(root)?.file ?? (start?.type === 'unit:start' ? start.file : undefined));
  }
}
