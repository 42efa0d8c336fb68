import { afterAll, describe, expect, it } from 'vitest';
import type { QueueOptions } from '../../src/config/queue-options.js';
import { RedisQueue } from '../../src/queue/redis-queue.js';
import { useRedisServer } from '../helpers/redis-server.js';

/**
 * Backup copies (tail relief) in the queue's Lua scripts, against a real redis-server, with the
 * jobs of one build driven by hand: a unit has a holder and at most one backup, the first copy
 * handed in counts, the other job hears it lost, and a holder or backup that dies or gives up
 * leaves the unit to the other. Leases are short where a death is staged (waits, not timing
 * assertions: a lease runs out in Redis's own clock).
 */
const redis = useRedisServer();
const open: RedisQueue[] = [];
afterAll(async () => {
  for (const queue of open) await queue.close();
});

async function jobOf(buildId: string, jobId: string, leaseMs = 30_000): Promise<RedisQueue> {
  const options: QueueOptions = { url: redis.server.url(), redacted: redis.server.url(), buildId, jobId, leaseMs, timeoutMs: 1000, idleTimeoutMs: 1000, requeue: 1, waitReport: false, fallback: 'none' };
  const queue = await RedisQueue.connect(options);
  open.push(queue);
  return queue;
}

const units = [
  { id: 'a.test.ts', file: 'a.test.ts', expectedMs: 1000 },
  { id: 'b.test.ts', file: 'b.test.ts', expectedMs: 100 },
];
const batch = (root: string, job: string) => ({ root, events: [{ type: 'error' as const, error: { file: null, kind: 'internal' as const, message: `${root} by ${job}` } }] });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const progress = (entries: Record<string, number>) => new Map(Object.entries(entries));

/** a build whose holder took both units; `rescuer` found nothing left (and says what it saw) */
async function tailOf(build: string, leaseMs?: number) {
  const [holder, rescuer, third] = [await jobOf(build, 'holder', leaseMs), await jobOf(build, 'rescuer', leaseMs), await jobOf(build, 'third', leaseMs)];
  await holder.publish(units, 'plan');
  expect((await holder.reserve(2)).units.map((u) => u.id)).toEqual(['a.test.ts', 'b.test.ts']);
  return { holder, rescuer, third };
}

describe('backup copies in the scripts', () => {
  it("shows an idle job the units others hold, with how far their holder said it got and each job's pace", async () => {
    const { holder, rescuer } = await tailOf('view');
    await holder.heartbeat(progress({ 'a.test.ts': 0.25, 'b.test.ts': 0 }));
    const { state, tail } = await rescuer.reserve(2);
    expect(state).toBe('wait');
    expect(tail?.held.map((h) => [h.id, h.job, h.expectedMs, h.progress?.fraction])).toEqual([
      ['a.test.ts', 'holder', 1000, 0.25],
      ['b.test.ts', 'holder', 100, 0],
    ]);
    expect(await holder.complete('b.test.ts', batch('b.test.ts', 'holder'), { ranMs: 300, plannedMs: 100 })).toMatchObject({ accepted: true });
    const after = (await rescuer.reserve(2)).tail!;
    expect(after.held.map((h) => h.id)).toEqual(['a.test.ts']);
    expect(after.paces.get('holder')).toEqual({ ranMs: 300, plannedMs: 100 });
  });

  it('the backup handed in first counts; the holder hears it lost, at its heartbeat and when it hands in, and its results are refused', async () => {
    const { holder, rescuer, third } = await tailOf('race');
    expect((await rescuer.backup('a.test.ts'))?.id).toBe('a.test.ts');
    // one backup per unit, and never of a unit a job holds itself
    expect(await third.backup('a.test.ts')).toBeNull();
    expect(await holder.backup('b.test.ts')).toBeNull();
    // the backup's heartbeat keeps it; the unit is no longer offered
    expect((await rescuer.heartbeat(progress({ 'a.test.ts': 0 }))).lost).toEqual([]);
    expect((await third.reserve(1)).tail?.held.map((h) => h.id)).toEqual(['b.test.ts']);
    expect(await rescuer.complete('a.test.ts', batch('a.test.ts', 'rescuer'))).toEqual({ accepted: true, requeued: 0, lost: false });
    expect((await holder.heartbeat(progress({ 'a.test.ts': 0.5, 'b.test.ts': 0.5 }))).lost).toEqual(['a.test.ts']);
    expect(await holder.complete('a.test.ts', batch('a.test.ts', 'holder'))).toEqual({ accepted: false, requeued: 0, lost: true });
    await holder.complete('b.test.ts', batch('b.test.ts', 'holder'));
    const snapshot = await holder.snapshot();
    expect(snapshot.done).toEqual(new Map([['a.test.ts', 'rescuer'], ['b.test.ts', 'holder']]));
    expect(snapshot.lost).toEqual(new Map([['a.test.ts', 'holder']]));
    expect(snapshot.leased).toBe(0);
    // only the winner's results are kept, and a CI retry of the rescuer runs its backup again
    expect(await redis.client.lrange('ptest:race:events:holder', 0, -1)).toEqual([JSON.stringify(batch('b.test.ts', 'holder'))]);
    expect(await rescuer.reservedByThisJob()).toEqual(['a.test.ts']);
  });

  it('the holder handed in first: the backup hears it lost and is refused', async () => {
    const { holder, rescuer } = await tailOf('holder-wins');
    await rescuer.backup('a.test.ts');
    expect(await holder.complete('a.test.ts', batch('a.test.ts', 'holder'))).toMatchObject({ accepted: true });
    expect((await rescuer.heartbeat(progress({ 'a.test.ts': 0.9 }))).lost).toEqual(['a.test.ts']);
    expect(await rescuer.complete('a.test.ts', batch('a.test.ts', 'rescuer'))).toEqual({ accepted: false, requeued: 0, lost: true });
    expect(await rescuer.reservedByThisJob()).toEqual([]);
  });

  it('a holder that dies leaves its unit to the live backup, not to the queue: no third copy', async () => {
    const { holder, rescuer, third } = await tailOf('holder-dies', 300);
    await rescuer.backup('a.test.ts');
    // the holder stops heartbeating (killed); the rescuer keeps its backup alive
    for (let i = 0; i < 6; i++) {
      await rescuer.heartbeat(progress({ 'a.test.ts': 0 }));
      await sleep(100);
    }
    // the next reservation finds the holder's leases run out: b goes back to the queue, a to its backup
    expect((await third.reserve(2)).units.map((u) => u.id)).toEqual(['b.test.ts']);
    expect(await redis.client.hget('ptest:holder-dies:owner', 'a.test.ts')).toBe('rescuer');
    expect(await rescuer.complete('a.test.ts', batch('a.test.ts', 'rescuer'))).toMatchObject({ accepted: true });
    expect(await holder.complete('a.test.ts', batch('a.test.ts', 'holder'))).toMatchObject({ accepted: false });
    expect(await rescuer.reservedByThisJob()).toEqual(['a.test.ts']);
  });

  it('a backup that dies is dropped: the holder keeps its unit, and another job may back it up', async () => {
    const { holder, rescuer, third } = await tailOf('backup-dies', 300);
    await rescuer.backup('a.test.ts');
    for (let i = 0; i < 6; i++) {
      await holder.heartbeat(progress({ 'a.test.ts': 0, 'b.test.ts': 0 }));
      await sleep(100);
    }
    expect((await third.reserve(1)).state).toBe('wait');
    expect((await third.backup('a.test.ts'))?.id).toBe('a.test.ts');
    expect(await holder.complete('a.test.ts', batch('a.test.ts', 'holder'))).toMatchObject({ accepted: true });
    expect(await rescuer.complete('a.test.ts', batch('a.test.ts', 'rescuer'))).toEqual({ accepted: false, requeued: 0, lost: false });
  });

  it('a holder that gives its unit back (interrupted) leaves it to its backup; a backup given back is just dropped', async () => {
    const { holder, rescuer } = await tailOf('release');
    await rescuer.backup('a.test.ts');
    expect(await holder.release(['a.test.ts'])).toBe(1);
    expect(await redis.client.lrange('ptest:release:queue', 0, -1)).toEqual([]);
    expect(await redis.client.hget('ptest:release:owner', 'a.test.ts')).toBe('rescuer');
    // b's backup, given back, leaves b with its holder
    await rescuer.backup('b.test.ts');
    await rescuer.release(['b.test.ts']);
    expect(await redis.client.hget('ptest:release:owner', 'b.test.ts')).toBe('holder');
    expect(await redis.client.hexists('ptest:release:backup', 'b.test.ts')).toBe(0);
  });

  it('no backup once a job has stopped the build (--bail), nor of a requeued failure', async () => {
    const { holder, rescuer } = await tailOf('stopped');
    const retry = { id: 'a.test.ts > t ~requeue1', file: 'a.test.ts', testIds: ['a.test.ts > t'] };
    await holder.complete('b.test.ts', batch('b.test.ts', 'holder'), { requeues: [retry], cap: 5 });
    expect((await holder.reserve(1)).state).toBe('wait');
    expect((await redis.client.hget('ptest:stopped:owner', retry.id)) ?? null).toBeNull();
    // the retry waits for another job; taken by one, it has an avoid entry: no backup of it
    expect((await rescuer.reserve(1)).units.map((u) => u.id)).toEqual([retry.id]);
    expect(await holder.backup(retry.id)).toBeNull();
    await rescuer.stopBuild();
    expect(await rescuer.backup('a.test.ts')).toBeNull();
  });
});
