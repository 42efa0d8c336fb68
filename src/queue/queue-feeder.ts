import type { RunEvent, StopReason } from '../model/events.js';
import type { RemotePlanner } from '../plan/remote-planner.js';
import type { FedRun, RunFeed } from '../run/run-units.js';
import type { ResultBatch } from './queue-model.js';
import type { RedisQueue } from './redis-queue.js';
import { UnitResults, type Handin } from './unit-results.js';

/**
 * One job's side of the queue while its workers run: reserves units for idle slots, renews the
 * leases of what it holds, and hands in each reserved unit's results (sorted by UnitResults) once
 * all of it is done here. A job that bails stops the build; a build stopped by another job's bail
 * stops this run too. A lost Redis ends the reserving: the job finishes what it holds, and says
 * what it could not report.
 */
/** how often a job asks again while other jobs hold the last units (one of them may die) */
const POLL_MS = 250;
const IDLE_CHECK_MS = 20;

export class QueueFeeder implements RunFeed {
  private readonly results: UnitResults;
  private run: FedRun = { wake: () => {}, stop: () => {} };
  private poke: (() => void) | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private pump: Promise<void> | undefined;
  private writes: Promise<void> = Promise.resolve();
  private stopped = false;
  /** the run is stopping early: reserve nothing more */
  private stopping = false;
  /** after an interrupt, units cut short go back to the queue for the other jobs; after a bail (the build stops) they are handed in as they are */
  private giveBack = false;
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
  ) {
    this.results = new UnitResults(planner, o.requeue);
  }

  /** Starts reserving for `run`. */
  start(run: FedRun): void {
    this.run = run;
    this.heartbeat = setInterval(() => void this.renew(), Math.max(100, Math.floor(this.o.leaseMs / 3)));
    this.pump = this.reserveLoop();
  }

  /** Every run event passes here, to be handed in with the reserved unit it belongs to. */
  observe(event: RunEvent): void {
    this.results.observe(event);
    if (event.type === 'unit:end' || event.type === 'run:end') setImmediate(() => this.flush());
    if (event.type === 'run:start') this.flush();
  }

  /** The run stops early: no more reserving. A bail stops the build; other stops give units cut short back. */
  stop(reason: StopReason): void {
    this.stopping = true;
    this.giveBack = reason !== 'bail';
    if (reason === 'bail' && !this.lost) this.writes = this.writes.then(() => this.queue.stopBuild()).catch((error: unknown) => this.loseQueue(error));
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
        const { state, units, stoppedBy } = await this.queue.reserve(hunger);
        if (state === 'stopped') return this.buildStopped(stoppedBy ?? '');
        this.results.hold(units);
        if (units.length > 0) this.planner.add(units);
        if (state === 'drained') {
          this.planner.drained();
          this.run.wake();
          return;
        }
        this.run.wake();
        if (state === 'wait') await this.sleep(POLL_MS);
      } catch (error) {
        this.loseQueue(error);
      }
    }
  }

  /** Another job bailed: this run stops as if it had (its held units go back, unrun). */
  private buildStopped(job: string): void {
    if (this.stopping) return;
    this.o.warn(`ptest: job ${job} stopped the build (--bail): stopping this job too`);
    this.run.stop('bail');
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
    for (const handin of this.results.completed(this.giveBack)) this.writes = this.writes.then(() => this.handIn(handin));
    const own = this.results.jobBatch();
    if (own) this.writes = this.writes.then(() => this.record(own));
    // a slot that finished may want a new unit
    this.poke?.();
  }

  private async record(batch: ResultBatch): Promise<void> {
    if (this.lost) return;
    await this.queue.record(batch).catch((error: unknown) => this.loseQueue(error));
  }

  private async handIn({ root, batch, requeues, name }: Handin): Promise<void> {
    if (this.lost) return void this.unreported.push(name);
    try {
      const { accepted, requeued } = await this.queue.complete(root, batch, requeues, this.o.requeueCap);
      if (requeued > 0) this.o.warn(`ptest: sent ${requeued} failed test(s) back to the queue for another job to retry (--requeue)`);
      if (requeued < requeues.length && accepted) this.o.warn(`ptest: ${requeues.length - requeued} failed test(s) not requeued: the build has requeued its ${this.o.requeueCap} already`);
      if (!accepted) {
        this.o.warn(`ptest: ${name}: another job took this unit over (its lease ran out); its results here are left out of the build's report`);
        this.unreported.push(name);
      }
    } catch (error) {
      this.loseQueue(error);
      this.unreported.push(name);
    }
  }

  /** A run stopped early (bail, interrupt) gives back what it holds, for the other jobs to run. */
  private async releaseUnfinished(): Promise<void> {
    const held = this.results.heldIds;
    if (this.lost || held.length === 0) return;
    try {
      const released = await this.queue.release(held);
      if (released > 0) this.o.warn(`ptest: gave ${released} unfinished unit(s) back to the queue for the other jobs`);
    } catch (error) {
      this.loseQueue(error);
    }
  }

  private async renew(): Promise<void> {
    if (this.lost) return;
    try {
      const stoppedBy = await this.queue.heartbeat(this.results.heldIds);
      if (stoppedBy !== null) this.buildStopped(stoppedBy);
    } catch (error) {
      this.loseQueue(error);
    }
  }

  private loseQueue(error: unknown): void {
    if (this.lost) return;
    this.lost = true;
    this.o.warn(`ptest: lost the queue at ${this.o.redacted} (${this.queue.scrub(error)}): this job finishes the ${this.results.heldIds.length} unit(s) it holds and reports them itself`);
    this.planner.drained();
    this.run.wake();
    this.poke?.();
  }
}
