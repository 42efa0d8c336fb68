import { createHash } from 'node:crypto';
import type { QueueOptions } from '../config/queue-options.js';
import type { WorkUnit } from '../model/protocol.js';
import { RemotePlanner } from '../plan/remote-planner.js';
import type { RunEvent } from '../model/events.js';
import type { RunFeed } from '../run/run-units.js';
import { QueueFeeder } from '../queue/queue-feeder.js';
import { isDrained, pollUntil } from '../queue/queue-model.js';
import { ReplayRecorder } from '../queue/replay-recorder.js';
import { isRedisFailure } from '../queue/connection-errors.js';
import { QueueUnavailable, RedisQueue } from '../queue/redis-queue.js';
import { UsageError } from '../config/usage-error.js';

/**
 * A job joins its build's queue: connects, and either wins the election and publishes the plan, or
 * waits for the leader's. What it returns plugs into the run: a planner fed from the queue.
 */
export interface QueueJob {
  queue: RedisQueue;
  /** the queue's planner; absent for a replay, which plans its own units as usual */
  planner?: RemotePlanner;
  /** sees every run event; started with the run, finished after it */
  feed: RunFeed & { observe(event: RunEvent): void; finish(): Promise<void>; readonly lostQueue?: boolean };
  /** a CI retry of a job of a finished build: the units it reserved the first time, to run again */
  replay: WorkUnit[] | null;
  /** units in the build */
  total: number;
}

const PLAN_POLL_MS = 100;

/** `local`: the job's own reports and terminal, which see each unit's events once the queue has taken them */
export async function joinQueue(q: QueueOptions, units: readonly WorkUnit[], warn: (line: string) => void, local: (event: RunEvent) => void): Promise<QueueJob> {
  const queue = await RedisQueue.connect(q);
  try {
    // a CI retry of a leader that died before publishing wins again (its id is the leader's)
    const leader = (await queue.elect()) || ((await queue.leader()) === q.jobId && (await queue.meta()) === null);
    if (leader) await queue.publish(units, planIdOf(units));
    const meta = await waitForPlan(queue, q.timeoutMs);
    const replay = await replayOf(queue, q.jobId);
    if (replay) {
      warn(`ptest: job ${q.jobId} of build ${q.buildId} ran before and the build has finished: running the ${replay.length} unit(s) it had then again (a CI retry)`);
      return { queue, feed: new ReplayRecorder(queue, { redacted: q.redacted, warn, local }), replay, total: meta.total };
    }
    const planner = new RemotePlanner();
    const feed = new QueueFeeder(queue, planner, { jobId: q.jobId, leaseMs: q.leaseMs, redacted: q.redacted, requeue: q.requeue, requeueCap: requeueCap(q.requeue, meta.total), warn, local });
    return { queue, planner, feed, replay: null, total: meta.total };
  } catch (error) {
    await queue.close();
    // Redis lost before this job ran anything is Redis out of reach, as at the start (exit 4, or --queue-fallback)
    if (!isRedisFailure(error)) throw error;
    throw new QueueUnavailable(`lost the queue at ${q.redacted} before this job began: ${queue.scrub(error)}`);
  }
}

/**
 * The units this job ran before, when it is back after its build drained: those it reserved (and
 * the backups it handed in first, which the queue adds to them), less those another job's backup
 * copy finished first, which its own reports left out.
 */
async function replayOf(queue: RedisQueue, job: string): Promise<WorkUnit[] | null> {
  const ids = [...new Set(await queue.reservedByThisJob())];
  if (ids.length === 0) return null;
  const snapshot = await queue.snapshot();
  if (!isDrained(snapshot)) return null;
  return ids.filter((id) => snapshot.lost.get(id) !== job).flatMap((id) => snapshot.units.get(id) ?? []);
}

function waitForPlan(queue: RedisQueue, timeoutMs: number): Promise<{ total: number }> {
  return pollUntil(() => queue.meta(), {
    everyMs: PLAN_POLL_MS,
    timeoutMs,
    onTimeout: () => {
      throw new UsageError(`--queue: no job published the build's plan within ${timeoutMs} ms (--queue-timeout)`);
    },
  });
}

/** A broken build must not requeue everything: at most a tenth of its units (and at least 5). */
function requeueCap(requeue: number, units: number): number {
  return requeue === 0 ? 0 : Math.max(5, Math.ceil(units / 10));
}

/** the same units in the same order give the same id */
function planIdOf(units: readonly WorkUnit[]): string {
  return createHash('sha256').update(JSON.stringify(units.map((u) => [u.id, u.testIds ?? null, u.excludeTestIds ?? null]))).digest('hex').slice(0, 12);
}
