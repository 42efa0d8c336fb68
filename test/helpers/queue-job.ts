import type { RunEvent, StopReason } from '../../src/model/events.js';
import { DEFAULT_COMPAT } from '../../src/model/compat.js';
import type { WorkUnit } from '../../src/model/protocol.js';
import { NO_RERUNS } from '../../src/model/reruns.js';
import { RemotePlanner } from '../../src/plan/remote-planner.js';
import type { TailView } from '../../src/queue/backup-policy.js';
import { QueueFeeder } from '../../src/queue/queue-feeder.js';
import type { ReserveState, ResultBatch } from '../../src/queue/queue-model.js';
import type { RedisQueue } from '../../src/queue/redis-queue.js';
import { Dispatcher } from '../../src/run/dispatcher.js';
import { feedDeps, fedRun } from '../../src/run/run-units.js';
import { FakePool, type Script } from './fake-pool.js';
import { FakeTimers } from './fake-timers.js';

/**
 * One job of a --queue build without Redis or threads: the real dispatcher, queue planner and
 * feeder, wired as runUnits wires them, on a FakePool, against a FakeQueue that answers as the test
 * scripts it. What the job's own reports took, what it warned, and what it asked of the queue are
 * kept for the test to read.
 */
export type Reservation = { state: ReserveState; units?: WorkUnit[]; tail?: TailView };
export type HandinAnswer = { accepted: boolean; lost: boolean } | 'redis-lost';

export class FakeQueue {
  /** what the job asked, in order: `complete <root>`, `stopBuild`, `release <ids>` */
  readonly calls: string[] = [];
  /** each unit's results as the job handed them in */
  readonly batches = new Map<string, ResultBatch>();
  private reserved = 0;
  private lostError: Error | undefined;

  constructor(
    private readonly o: {
      /** answered in turn, the last one again once they run out */
      reservations: Reservation[];
      /** the units other jobs hold that this job may back up */
      backups?: WorkUnit[];
      /** how each unit's hand-in is answered (default: accepted); 'redis-lost': the call fails, and every one after it */
      handins?: Record<string, HandinAnswer>;
    },
  ) {}

  async reserve(_count: number): Promise<{ state: ReserveState; units: WorkUnit[]; tail?: TailView }> {
    this.check();
    const r = this.o.reservations[Math.min(this.reserved++, this.o.reservations.length - 1)]!;
    return { state: r.state, units: r.units ?? [], ...(r.tail ? { tail: r.tail } : {}) };
  }

  async backup(id: string): Promise<WorkUnit | null> {
    this.check();
    return this.o.backups?.find((u) => u.id === id) ?? null;
  }

  async heartbeat(_held: ReadonlyMap<string, number>): Promise<{ stoppedBy: string | null; waiting: number; lost: string[] }> {
    this.check();
    return { stoppedBy: null, waiting: 0, lost: [] };
  }

  /** an accepted hand-in's failures to retry all go back to the queue (within the cap the job sends) */
  async complete(root: string, batch: ResultBatch, o: { requeues?: readonly WorkUnit[]; cap?: number } = {}): Promise<{ accepted: boolean; requeued: number; lost: boolean }> {
    this.calls.push(`complete ${root}`);
    this.batches.set(root, batch);
    const answer = this.o.handins?.[root] ?? { accepted: true, lost: false };
    if (answer === 'redis-lost') this.lostError = new Error('Connection is closed.');
    this.check();
    const { accepted, lost } = answer as { accepted: boolean; lost: boolean };
    return { accepted, lost, requeued: accepted ? Math.min(o.requeues?.length ?? 0, o.cap ?? 0) : 0 };
  }

  async stopBuild(): Promise<void> {
    this.check();
    this.calls.push('stopBuild');
  }

  async release(ids: readonly string[]): Promise<number> {
    this.check();
    this.calls.push(`release ${ids.join(' ')}`);
    return ids.length;
  }

  async record(_batch: ResultBatch): Promise<void> {
    this.check();
  }

  async finishJob(): Promise<void> {
    this.check();
  }

  scrub(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
  }

  private check(): void {
    if (this.lostError) throw this.lostError;
  }
}

/** a held unit of another job, long overdue: the backup policy copies it on any idle worker */
export function overdue(unit: WorkUnit, holder = 'slow'): TailView {
  return { held: [{ id: unit.id, job: holder, elapsedMs: 60_000, expectedMs: unit.expectedMs ?? 100 }], paces: new Map() };
}

/** `onWarn`: sees each warning as the job says it, for a test to act on */
export async function runQueueJob(queue: FakeQueue, script: Script, o: { workers?: number; bail?: number; requeue?: number; onWarn?: (line: string) => void } = {}): Promise<{ stoppedBy: StopReason | undefined; local: RunEvent[]; warnings: string[] }> {
  const planner = new RemotePlanner();
  const local: RunEvent[] = [];
  const warnings: string[] = [];
  const feeder = new QueueFeeder(queue as unknown as RedisQueue, planner, { jobId: 'fast', leaseMs: 30_000, redacted: 'redis://queue', requeue: o.requeue ?? 0, requeueCap: o.requeue ? 100 : 0, warn: (line) => (warnings.push(line), o.onWarn?.(line)), local: (event) => local.push(event) });
  const timers = new FakeTimers();
  const workerCount = o.workers ?? 2;
  const settings = { root: '/r', runId: 'run', workerCount, timeoutMs: 1000, grep: null, cacheDir: '/c', sandbox: { runDir: '/s', copy: [] }, setupWorker: null, provided: {}, reruns: NO_RERUNS, skipIds: [], compat: DEFAULT_COMPAT, isolateModules: false };
  const emit = (event: RunEvent): void => feeder.observe(event);
  const dispatcher = new Dispatcher({ pool: new FakePool(script), planner, settings, emit, now: () => timers.now, timers, bail: o.bail ?? 0, recycleAboveBytes: null, ...feedDeps(feeder) });
  emit({ type: 'run:start', runId: 'run', startedAt: '', workers: workerCount, dist: 'queue', files: 0 });
  feeder.start(fedRun(dispatcher));
  await dispatcher.run([]);
  emit({ type: 'run:end', wallMs: 0, interrupted: false, stoppedBy: dispatcher.stoppedBy ?? null, notRun: dispatcher.notRun });
  await feeder.finish();
  return { stoppedBy: dispatcher.stoppedBy, local, warnings };
}
