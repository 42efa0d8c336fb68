import { performance } from 'node:perf_hooks';
import type { RunEvent, StopReason } from '../model/events.js';
import type { RemotePlanner } from '../plan/remote-planner.js';
import type { FedRun, RunFeed } from '../run/run-units.js';
import { heartbeatEveryMs } from './backup-policy.js';
import type { ResultBatch } from './queue-model.js';
import { Nap } from './nap.js';
import type { RedisQueue } from './redis-queue.js';
import { TailRelief } from './tail-relief.js';
import { UnitResults, type Handin } from './unit-results.js';

// How often a job asks again while other jobs hold the last units (one of them may die, or be
// worth a backup): often, since a job that waits only learns the build is over by asking.
const POLL_MS = 100;
const IDLE_CHECK_MS = 20;

/**
 * One job's side of the queue while its workers run: reserves units for idle slots (and, when the
 * queue has nothing left, backup copies of units slower jobs hold: backup-policy.ts), renews the
 * leases of what it holds, and hands in each unit's results (sorted by UnitResults) once all of it
 * is done here. The job's own reports take a unit's events once the queue has accepted them: a copy
 * that another job's copy beat is stopped and left out. A job that bails (on the failures the queue
 * accepted) stops the build; a build stopped by another job's bail stops this run too. A lost Redis
 * ends the reserving: the job finishes the units it holds and reports them itself, drops its backup
 * copies (their holders report them), and says what it could not hand in.
 */
export class QueueFeeder implements RunFeed {
  private readonly results: UnitResults;
  private readonly relief: TailRelief;
  /** --bail counts a failure once the queue accepted its unit's results, not when it ends: a copy that lost the race to another job's must not stop the build */
  readonly countsFailures = true;
  private run: FedRun = { wake: () => {}, stop: () => {}, cancel: () => {}, failed: () => false };
  private readonly nap = new Nap();
  private ticker: NodeJS.Timeout | undefined;
  private readonly tickMs: number;
  private lastBeatMs = performance.now();
  private beating = false;
  /** the queue has run dry (units may still be held): heartbeats come often, to hear of a lost race at once */
  private tail = false;
  private pump: Promise<void> | undefined;
  private writes: Promise<void> = Promise.resolve();
  private stopped = false;
  /** why the run stops early, if it does: nothing more is reserved; units cut short are handed in as they are after a bail (the build stops), else given back (releaseUnfinished) */
  private stopReason: StopReason | undefined;
  /** Redis was lost during the run (read by the job's finish) */
  lostQueue = false;
  /** the job's run:end, for its own reports after every unit's results */
  private runEnd: RunEvent | undefined;
  /** units whose results Redis never got (refused, or Redis was gone), for the job's closing words */
  readonly unreported: string[] = [];

  constructor(
    private readonly queue: RedisQueue,
    private readonly planner: RemotePlanner,
    private readonly o: {
      jobId: string;
      leaseMs: number;
      redacted: string;
      /** how many times a failed test may go back to the queue (`--requeue`), and the build's cap on all of them */
      requeue: number;
      requeueCap: number;
      warn: (line: string) => void;
      /** the job's own reports and terminal */
      local: (event: RunEvent) => void;
    },
  ) {
    this.results = new UnitResults(planner, o.requeue);
    this.relief = new TailRelief(queue, planner, this.results, o.jobId);
    this.tickMs = heartbeatEveryMs(o.leaseMs, true);
  }

  /** Starts reserving for `run`. */
  start(run: FedRun): void {
    this.run = run;
    this.ticker = setInterval(() => void this.tick(), this.tickMs);
    this.pump = this.reserveLoop();
  }

  /** Every run event passes here, to be handed in with the reserved unit it belongs to. */
  observe(event: RunEvent): void {
    const where = this.results.observe(event);
    if (event.type === 'run:end') this.runEnd = event;
    else if (where === 'job') this.o.local(event);
    // at once: the lost thread's leftovers must not be queued again here
    if (event.type === 'worker:lost') this.dropLostCopies();
    if (event.type === 'unit:end' || event.type === 'run:end') setImmediate(() => this.flush());
    if (event.type === 'run:start') this.flush();
  }

  /** The run stops early: no more reserving. A bail stops the build; other stops give units cut short back. */
  stop(reason: StopReason): void {
    this.stopReason = reason;
    if (reason === 'bail' && !this.lostQueue) this.writes = this.writes.then(() => this.queue.stopBuild()).catch((error: unknown) => this.loseQueue(error));
    this.nap.wake();
  }

  /** After the run: the last results in, the job's own reports complete, then the connection closed. */
  async finish(): Promise<void> {
    this.stopped = true;
    clearInterval(this.ticker);
    this.nap.wake();
    await this.pump;
    this.flush();
    await this.writes;
    await this.releaseUnfinished();
    for (const event of this.results.leftovers()) this.o.local(event);
    if (this.runEnd) this.o.local(this.runEnd);
    if (!this.lostQueue) await this.queue.finishJob().catch((error: unknown) => this.loseQueue(error));
    for (const line of this.relief.closingWords()) this.o.warn(line);
    if (this.unreported.length > 0) {
      this.o.warn(`ptest: the results of ${this.unreported.length} unit(s) are not in the build's queue, only in this job's own reports: ${this.unreported.join(', ')}`);
    }
  }

  private async reserveLoop(): Promise<void> {
    while (!this.stopped && !this.stopReason && !this.lostQueue) {
      const hunger = this.planner.hunger;
      if (hunger === 0) {
        // woken when a unit ends; the timer covers slots that ask without one ending (the start)
        await this.nap.sleep(IDLE_CHECK_MS);
        continue;
      }
      try {
        const { state, units, stoppedBy, tail } = await this.queue.reserve(hunger);
        if (state === 'stopped') return this.buildStopped(stoppedBy ?? '');
        this.results.hold(units);
        if (units.length > 0) this.planner.add(units);
        if (state === 'drained') {
          this.planner.drained();
          this.run.wake();
          return;
        }
        this.tail ||= state === 'wait';
        const backedUp = tail ? await this.relief.backUp(tail, hunger) : 0;
        this.run.wake();
        if (state === 'wait' && backedUp === 0) await this.nap.sleep(POLL_MS);
      } catch (error) {
        this.loseQueue(error);
      }
    }
  }

  /** Another job bailed: this run stops as if it had (units cut short are handed in as they are; units not started go back). */
  private buildStopped(job: string): void {
    if (this.stopReason) return;
    this.o.warn(`ptest: job ${job} stopped the build (--bail): stopping this job too`);
    this.run.stop('bail');
  }

  /** Hands in the units now wholly done here, and the job's own events; in order, one write at a time. */
  private flush(): void {
    for (const handin of this.results.completed(this.stopReason !== undefined && this.stopReason !== 'bail')) this.writes = this.writes.then(() => this.handIn(handin));
    const own = this.results.jobBatch();
    if (own) this.writes = this.writes.then(() => this.record(own));
    // a slot that finished may want a new unit
    this.nap.wake();
  }

  /** backup copies that lost a worker here stop, and their backup leases go, so the holder's unit is not handed to this job */
  private dropLostCopies(): void {
    for (const root of this.results.takeLostCopies()) {
      this.relief.dropCopy(root, this.run);
      if (!this.lostQueue) this.writes = this.writes.then(async () => void (await this.queue.release([root]))).catch((error: unknown) => this.loseQueue(error));
    }
  }

  private async record(batch: ResultBatch): Promise<void> {
    if (this.lostQueue) return;
    await this.queue.record(batch).catch((error: unknown) => this.loseQueue(error));
  }

  private async handIn(handin: Handin): Promise<void> {
    const { root, batch, requeues, name } = handin;
    if (this.lostQueue) return this.keepOwn(handin);
    try {
      const { accepted, requeued, lost } = await this.queue.complete(root, batch, { requeues, cap: this.o.requeueCap, ranMs: handin.ranMs, plannedMs: handin.plannedMs });
      this.relief.handedIn(root, { backup: handin.backup, accepted, lost });
      if (accepted) {
        for (const event of batch.events) this.o.local(event);
        // a requeued failure is not final (its retry counts); crashes handed in at the restart cap still stop the build
        if (this.run.failed(Math.max(0, handin.failures - requeued)) && this.stopReason === 'restart-cap') await this.queue.stopBuild();
        if (requeued > 0) this.o.warn(`ptest: sent ${requeued} failed test(s) back to the queue for another job to retry (--requeue)`);
        if (requeued < requeues.length) this.o.warn(`ptest: ${requeues.length - requeued} failed test(s) not requeued: the build has requeued its ${this.o.requeueCap} already`);
      } else if (!lost && !handin.backup) {
        this.o.warn(`ptest: ${name}: another job took this unit over (its lease ran out); its results here are left out of the build's report`);
        this.keepOwn(handin);
      }
      // else the other copy counts (a backup is never the only one): nothing of this one is reported
    } catch (error) {
      this.loseQueue(error);
      this.keepOwn(handin);
    }
  }

  /** results the build's queue does not have: this job's own reports still show them, but for a backup copy's (its holder reports those) */
  private keepOwn({ batch, name, backup }: Handin): void {
    if (backup) return this.relief.abandon(name);
    this.unreported.push(name);
    for (const event of batch.events) this.o.local(event);
  }

  /**
   * A run stopped early gives back what it holds, for the other jobs to run; but at the restart cap
   * the units to blame for it are handed in as they are, what did not run "not run": given back,
   * they would stop each job that took them in turn, and the build would never end.
   */
  private async releaseUnfinished(): Promise<void> {
    const killers = this.stopReason === 'restart-cap' && !this.lostQueue ? this.results.killedWorkers() : [];
    if (killers.length > 0) this.o.warn(`ptest: handing in the ${killers.length} unit(s) to blame for this job's lost worker threads as they are (their unfinished tests not run), not back to the queue: ${killers.map((k) => k.name).join(', ')}`);
    for (const handin of killers) await this.handIn(handin);
    const held = this.results.heldIds;
    if (this.lostQueue || held.length === 0) return;
    try {
      const released = await this.queue.release(held);
      if (released > 0) this.o.warn(`ptest: gave ${released} unfinished unit(s) back to the queue for the other jobs`);
    } catch (error) {
      this.loseQueue(error);
    }
  }

  /** A heartbeat a third of a lease apart at most, and often once the queue has run dry. */
  private async tick(): Promise<void> {
    if (this.lostQueue || this.beating || performance.now() - this.lastBeatMs < heartbeatEveryMs(this.o.leaseMs, this.tail) - this.tickMs / 2) return;
    this.beating = true;
    this.lastBeatMs = performance.now();
    try {
      const { stoppedBy, waiting, lost } = await this.queue.heartbeat(this.results.progressOfHeld);
      this.tail = waiting === 0;
      if (stoppedBy !== null) this.buildStopped(stoppedBy);
      for (const root of lost) this.relief.stopCopy(root, this.run);
    } catch (error) {
      this.loseQueue(error);
    } finally {
      this.beating = false;
    }
  }

  private loseQueue(error: unknown): void {
    if (this.lostQueue) return;
    this.lostQueue = true;
    this.relief.abandonCopies(this.run);
    const held = this.results.heldIds.length;
    this.o.warn(`ptest: lost the queue at ${this.o.redacted} (${this.queue.scrub(error)}): this job ${held === 0 ? 'reports what it ran' : `finishes the ${held} unit(s) it holds and reports them`} itself`);
    this.planner.drained();
    this.run.wake();
    this.nap.wake();
  }
}
