import { afterAll, describe, expect, it } from 'vitest';
import type { QueueOptions } from '../../src/config/queue-options.js';
import { RedisQueue } from '../../src/queue/redis-queue.js';
import { useRedisServer } from '../helpers/redis-server.js';

/**
 * The queue's Lua scripts against a real redis-server, through RedisQueue, with several jobs of
 * one build driven by hand: the cases too narrow to stage with whole ptest processes.
 */
const redis = useRedisServer();
const open: RedisQueue[] = [];
afterAll(async () => {
  for (const queue of open) await queue.close();
});

async function jobOf(buildId: string, jobId: string): Promise<RedisQueue> {
  const options: QueueOptions = { url: redis.server.url(), redacted: redis.server.url(), buildId, jobId, leaseMs: 30_000, timeoutMs: 1000, idleTimeoutMs: 1000, requeue: 2, waitReport: false, fallback: 'none' };
  const queue = await RedisQueue.connect(options);
  open.push(queue);
  return queue;
}

const unit = { id: 'a.test.ts', file: 'a.test.ts' };
const retry = (n: number) => ({ id: `a.test.ts > t ~requeue${n}`, file: 'a.test.ts', testIds: ['a.test.ts > t'] });
const results = (root: string) => ({ root, events: [] });

describe('--requeue in the scripts', () => {
  it('leaves a test that failed twice to a third job: every job that failed it is passed over, not only the last', async () => {
    const [a, b, c] = [await jobOf('avoid', 'a'), await jobOf('avoid', 'b'), await jobOf('avoid', 'c')];
    await a.publish([unit], 'plan');
    expect((await a.reserve(1)).units.map((u) => u.id)).toEqual([unit.id]);
    expect(await a.complete(unit.id, results(unit.id), { requeues: [retry(1)], cap: 5 })).toEqual({ accepted: true, requeued: 1, lost: false });
    // a failed it: b takes the first retry, and fails it too
    expect((await a.reserve(1)).state).toBe('wait');
    expect((await b.reserve(1)).units.map((u) => u.id)).toEqual([retry(1).id]);
    expect(await b.complete(retry(1).id, results(retry(1).id), { requeues: [retry(2)], cap: 5 })).toEqual({ accepted: true, requeued: 1, lost: false });
    // neither a nor b gets the second retry; c does
    expect((await a.reserve(1)).state).toBe('wait');
    expect((await b.reserve(1)).state).toBe('wait');
    expect((await c.reserve(1)).units.map((u) => u.id)).toEqual([retry(2).id]);
  });
});

describe('a hand-in sent twice', () => {
  it('gets the first reply again, and its results are kept once (the client resends a command whose reply was lost)', async () => {
    const [a, b] = [await jobOf('resend', 'a'), await jobOf('resend', 'b')];
    await a.publish([unit], 'plan');
    // the job's own batch (run start) registers it with the build
    await a.record({ root: null, events: [] });
    await a.reserve(1);
    const batch = results(unit.id);
    const first = await a.complete(unit.id, batch, { requeues: [retry(1)], cap: 5 });
    expect(first).toEqual({ accepted: true, requeued: 1, lost: false });
    expect(await a.complete(unit.id, batch, { requeues: [retry(1)], cap: 5 })).toEqual(first);
    // another job handing in the same unit is still refused
    expect(await b.complete(unit.id, results(unit.id))).toEqual({ accepted: false, requeued: 0, lost: false });
    const snapshot = await a.snapshot();
    expect(snapshot.batches.get('a')?.filter((b) => b.root === unit.id)).toHaveLength(1);
    expect(snapshot.done.get(unit.id)).toBe('a');
  });
});
