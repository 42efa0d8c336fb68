import { Redis, type Result } from 'ioredis';
import type { QueueOptions } from '../config/queue-options.js';
import { UsageError } from '../config/usage-error.js';
import type { WorkUnit } from '../model/protocol.js';
import { buildKeys, fixedKeys, type BuildKeys } from './keys.js';
import { parseTailView, type TailView } from './backup-policy.js';
import { COMPLETE } from './complete-script.js';
import { untrusted, withoutPassword } from './connection-errors.js';
import type { BuildMeta, BuildSnapshot, ReserveState, ResultBatch } from './queue-model.js';
import { BACKUP, HEARTBEAT, RELEASE, RESERVE } from './scripts.js';

/**
 * The only importer of ioredis: one job's connection to its build's queue. Every method is one
 * round trip (a script or a pipeline), so what other jobs do in between cannot tear it.
 */
export class QueueUnavailable extends UsageError {}

type Arg = string | number;
// The scripts are sent once per connection and then called by their hash (EVALSHA): a reserve,
// heartbeat and completion per unit would otherwise carry each script's text every time.
declare module 'ioredis' {
  interface RedisCommander<Context> {
    ptestReserve(...args: Arg[]): Result<[ReserveState, ...string[]], Context>;
    ptestHeartbeat(...args: Arg[]): Result<[string, number, ...string[]], Context>;
    ptestComplete(...args: Arg[]): Result<[number, number, number], Context>;
    ptestRelease(...args: Arg[]): Result<number, Context>;
    ptestBackup(...args: Arg[]): Result<string | null, Context>;
  }
}
const COMMANDS = { ptestReserve: [RESERVE, 14], ptestHeartbeat: [HEARTBEAT, 9], ptestComplete: [COMPLETE, 16], ptestRelease: [RELEASE, 7], ptestBackup: [BACKUP, 8] } as const;

/** Keys expire a day after the build's last write: nothing accumulates in Redis. */
export const BUILD_TTL_MS = 24 * 60 * 60 * 1000;
/** a unit whose jobs died this many times is given up on and reported, not passed around forever */
export const MAX_DEATHS = 2;
/**
 * How long a requeued failure waits for another job before the job that failed it may take it
 * back (when no other job is left): the lease, up to 10 s.
 */
const MAX_AVOID_MS = 10_000;

export class RedisQueue {
  private readonly keys: BuildKeys;
  private lastError: Error | undefined;

  private constructor(
    private readonly redis: Redis,
    private readonly options: QueueOptions,
  ) {
    this.keys = buildKeys(options.buildId);
  }

  /** Connects, or throws QueueUnavailable naming the (redacted) URL. */
  static async connect(options: QueueOptions): Promise<RedisQueue> {
    let connected = false;
    const redis = new Redis(options.url, {
      lazyConnect: true,
      connectTimeout: 5000,
      maxRetriesPerRequest: 2,
      // ioredis's disconnect() waits this long for its socket's 'close', which a socket that died
      // with the server has already emitted: the default 2 s would hold the process past its run.
      disconnectTimeout: 100,
      // Not at the start (the user should hear at once); a server lost later is retried for a
      // few seconds, after which every command fails at once.
      retryStrategy: (attempt) => (!connected || attempt > 5 ? null : Math.min(attempt * 200, 1000)),
    });
    for (const [name, [lua, numberOfKeys]] of Object.entries(COMMANDS)) redis.defineCommand(name, { lua, numberOfKeys });
    const queue = new RedisQueue(redis, options);
    redis.on('error', (error: Error) => (queue.lastError = error));
    try {
      await redis.connect();
      await redis.ping();
      connected = true;
    } catch (error) {
      // (after a refused connection it has ended already; disconnecting again arms a 2 s timer)
      if (redis.status !== 'end') redis.disconnect();
      // "Connection is closed" says less than the socket's own error (ECONNREFUSED, ENOTFOUND)
      const cause = queue.lastError ?? error;
      throw new QueueUnavailable(`cannot reach the queue at ${options.redacted}: ${queue.scrub(cause)}${untrusted(cause) ? ' (to trust a private CA, name its PEM file in NODE_EXTRA_CA_CERTS)' : ''}`);
    }
    return queue;
  }

  /** An error's message with the URL's password taken out, whatever the library put in it. */
  scrub(error: unknown): string {
    const message = (error instanceof Error ? error.message : String(error)) || (this.lastError?.message ?? 'unknown error');
    return withoutPassword(message, this.options.url);
  }

  /** One job wins: it plans and publishes. */
  async elect(): Promise<boolean> {
    return (await this.redis.set(this.keys.leader, this.options.jobId, 'PX', BUILD_TTL_MS, 'NX')) === 'OK';
  }

  /** The leader's plan: the units, longest first, then the meta that tells followers it is in. */
  async publish(units: readonly WorkUnit[], planId: string): Promise<void> {
    const k = this.keys;
    const tx = this.redis.multi();
    if (units.length > 0) {
      tx.hset(k.units, Object.fromEntries(units.map((u) => [u.id, JSON.stringify(u)])));
      tx.rpush(k.queue, ...units.map((u) => u.id));
    }
    tx.hset(k.meta, { total: units.length, planId, leader: this.options.jobId, createdAt: new Date().toISOString() });
    for (const key of fixedKeys(k)) tx.pexpire(key, BUILD_TTL_MS);
    await tx.exec();
  }

  async meta(): Promise<BuildMeta | null> {
    return metaOf(await this.redis.hgetall(this.keys.meta));
  }

  /** the job that won the election (a CI retry of a leader that died before publishing is it again) */
  async leader(): Promise<string | null> {
    return this.redis.get(this.keys.leader);
  }

  /**
   * Up to `count` units for this job; when the build was stopped, the job that stopped it; when
   * nothing is left for it, what other jobs hold (for a backup).
   */
  async reserve(count: number): Promise<{ state: ReserveState; units: WorkUnit[]; stoppedBy?: string; tail?: TailView }> {
    const k = this.keys;
    const job = this.options.jobId;
    const keys = [k.queue, k.leases, k.owner, k.deaths, k.units, k.reserved(job), k.dead, k.avoid, k.stopped, k.started, k.backup, k.backupLeases, k.pace, k.progress];
    const [state, ...rest] = await this.redis.ptestReserve(...keys, job, this.options.leaseMs, count, MAX_DEATHS, BUILD_TTL_MS);
    if (state === 'stopped') return { state, units: [], stoppedBy: rest[0] ?? '' };
    if (state === 'wait') return { state, units: [], tail: parseTailView(rest[0]) };
    return { state, units: rest.map((u) => JSON.parse(u) as WorkUnit) };
  }

  /** A backup copy of a unit another job holds, for this job to run too; null when it may not (any more). */
  async backup(id: string): Promise<WorkUnit | null> {
    const k = this.keys;
    const keys = [k.stopped, k.done, k.owner, k.leases, k.backup, k.backupLeases, k.units, k.avoid];
    const unit = await this.redis.ptestBackup(...keys, this.options.jobId, id, this.options.leaseMs, BUILD_TTL_MS);
    return unit ? (JSON.parse(unit) as WorkUnit) : null;
  }

  /**
   * Renews this job's leases (held units and backups), saying how far each has got (a fraction of
   * its tests). Returns the job whose --bail stopped the build (or null), how many units wait in
   * the queue, and the held ids whose other copy was handed in first.
   */
  async heartbeat(held: ReadonlyMap<string, number>): Promise<{ stoppedBy: string | null; waiting: number; lost: string[] }> {
    const k = this.keys;
    const job = this.options.jobId;
    const keys = [k.leases, k.owner, k.alive(job), k.stopped, k.backup, k.backupLeases, k.lost, k.queue, k.progress];
    const pairs = [...held].flatMap(([id, fraction]) => [id, fraction.toFixed(3)]);
    const [stoppedBy, waiting, ...lost] = await this.redis.ptestHeartbeat(...keys, job, this.options.leaseMs, ...pairs);
    return { stoppedBy: stoppedBy || null, waiting: Number(waiting), lost };
  }

  /** This job bailed (--bail): the other jobs stop too, and reserve nothing more. */
  async stopBuild(): Promise<void> {
    await this.redis.set(this.keys.stopped, this.options.jobId, 'PX', BUILD_TTL_MS, 'NX');
  }

  /**
   * Hands in a unit's results, and the failures in it to retry on another job (within the build's
   * `cap`), with how long it ran here against its estimate (the job's pace). `accepted` is false
   * when they were refused: another job has the unit now, or (`lost`) another copy of it was handed
   * in first.
   */
  async complete(root: string, batch: ResultBatch, o: { requeues?: readonly WorkUnit[]; cap?: number; ranMs?: number; plannedMs?: number } = {}): Promise<{ accepted: boolean; requeued: number; lost: boolean }> {
    const k = this.keys;
    const job = this.options.jobId;
    const keys = [k.owner, k.leases, k.done, k.events(job), k.queue, k.units, k.avoid, k.requeued, k.backup, k.backupLeases, k.started, k.lost, k.pace, k.reserved(job), k.progress, k.handins];
    const pairs = JSON.stringify((o.requeues ?? []).map((u) => [u.id, JSON.stringify(u)]));
    const pace = [Math.round(o.ranMs ?? 0), Math.round(o.plannedMs ?? 0)];
    const [accepted, requeued, lost] = await this.redis.ptestComplete(...keys, job, root, JSON.stringify(batch), pairs, o.cap ?? 0, Math.min(this.options.leaseMs, MAX_AVOID_MS), ...pace, BUILD_TTL_MS);
    return { accepted: accepted === 1, requeued, lost: lost === 1 };
  }

  /** Gives back units this job holds and will not finish; returns how many went back. */
  async release(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const k = this.keys;
    return this.redis.ptestRelease(k.owner, k.leases, k.queue, k.backup, k.backupLeases, k.started, k.progress, this.options.jobId, ...ids);
  }

  /** the job's own events (run start and end, errors outside units), always kept; the job is running until `finishJob` */
  async record(batch: ResultBatch): Promise<void> {
    const k = this.keys;
    const job = this.options.jobId;
    await this.redis
      .multi()
      .rpush(k.events(job), JSON.stringify(batch))
      .pexpire(k.events(job), BUILD_TTL_MS)
      .set(k.alive(job), '1', 'PX', this.options.leaseMs)
      .hsetnx(k.jobs, job, 'running')
      .pexpire(k.jobs, BUILD_TTL_MS)
      .exec();
  }

  /** The job has handed in everything: a build report need not wait for it. */
  async finishJob(): Promise<void> {
    const k = this.keys;
    const job = this.options.jobId;
    await this.redis.multi().hset(k.jobs, job, 'finished').del(k.alive(job)).exec();
  }

  /** Everything the build's report needs, read in one transaction. */
  async snapshot(): Promise<BuildSnapshot> {
    const k = this.keys;
    const states = await this.redis.hgetall(k.jobs);
    const jobs = Object.keys(states).sort();
    const tx = this.redis.multi().hgetall(k.meta).hgetall(k.done).hgetall(k.dead).hgetall(k.units).llen(k.queue).zcard(k.leases).get(k.stopped).hgetall(k.lost);
    for (const job of jobs) tx.lrange(k.events(job), 0, -1);
    for (const job of jobs) tx.exists(k.alive(job));
    const replies = ((await tx.exec()) ?? []).map(([error, value]) => {
      if (error) throw error;
      return value;
    });
    const [meta, done, dead, units, waiting, leased, stoppedBy, lost, ...perJob] = replies as [Record<string, string>, Record<string, string>, Record<string, string>, Record<string, string>, number, number, string | null, Record<string, string>, ...unknown[]];
    const events = perJob.slice(0, jobs.length) as string[][];
    const alive = perJob.slice(jobs.length) as number[];
    return {
      meta: metaOf(meta),
      batches: new Map(jobs.map((job, i) => [job, (events[i] ?? []).map((b) => JSON.parse(b) as ResultBatch)])),
      done: new Map(Object.entries(done)),
      lost: new Map(Object.entries(lost)),
      dead: new Map(Object.entries(dead)),
      units: new Map(Object.entries(units).map(([id, json]) => [id, JSON.parse(json) as WorkUnit])),
      waiting,
      leased,
      running: jobs.filter((job, i) => states[job] !== 'finished' && alive[i] === 1).length,
      stoppedBy,
    };
  }

  /** the unit ids this job reserved, in order */
  async reservedByThisJob(): Promise<string[]> {
    return this.redis.lrange(this.keys.reserved(this.options.jobId), 0, -1);
  }

  async close(): Promise<void> {
    // A server that went away is not waited for (quit would queue behind the reconnection).
    if (this.redis.status === 'end') return;
    if (this.redis.status !== 'ready') return this.redis.disconnect();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

function metaOf(meta: Record<string, string>): BuildMeta | null {
  return meta.planId ? { total: Number(meta.total), planId: meta.planId, leader: meta.leader ?? '' } : null;
}
