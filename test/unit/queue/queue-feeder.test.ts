import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../src/model/events.js';
import type { WorkerMessage } from '../../../src/model/protocol.js';
import { passingFile, untilAborted, type Script } from '../../helpers/fake-pool.js';
import { FakeQueue, overdue, runQueueJob } from '../../helpers/queue-job.js';

const unit = (id: string) => ({ id, file: id, expectedMs: 100 });

/** each unit's one test passes, fails, or keeps its worker until the run stops it */
function scripted(fates: Record<string, 'passes' | 'fails' | 'blocks'>): Script {
  return async (req, post, signal) => {
    const fate = fates[req.unit.id] ?? 'passes';
    if (fate === 'passes') {
      passingFile(req.unit.file, ['t'], post);
      return { kind: 'done' };
    }
    const id = `${req.unit.file} > t`;
    post({ type: 'file:collected', tree: { kind: 'file', file: req.unit.file, children: [{ kind: 'test', id, name: 't', titlePath: ['t'], mode: 'run' }] } } satisfies WorkerMessage);
    post({ type: 'test:start', id, timeoutMs: 1000 });
    if (fate === 'blocks') return untilAborted(signal);
    post({ type: 'test:end', id, attempt: { status: 'failed', durationMs: 1 } });
    post({ type: 'unit:end', heapUsedBytes: 0 });
    return { kind: 'done' };
  };
}

const reported = (events: readonly RunEvent[]) => events.flatMap((e) => (e.type === 'test:end' ? [`${e.test.id}:${e.attempt.status}`] : []));

describe('QueueFeeder: --bail in a queue job counts the failures the queue accepted', () => {
  it("a backup copy that fails and loses the race stops nothing: the other job's copy counts, and this job's reports leave it out", async () => {
    const [mine, theirs] = [unit('mine.test.ts'), unit('theirs.test.ts')];
    const queue = new FakeQueue({
      reservations: [{ state: 'more', units: [mine] }, { state: 'wait', tail: overdue(theirs) }, { state: 'drained' }],
      backups: [theirs],
      handins: { [theirs.id]: { accepted: false, lost: true } },
    });
    const job = await runQueueJob(queue, scripted({ [theirs.id]: 'fails' }), { bail: 1 });
    expect(queue.calls).toContain(`complete ${theirs.id}`);
    expect(job.stoppedBy).toBeUndefined();
    expect(queue.calls).not.toContain('stopBuild');
    expect(reported(job.local)).toEqual(['mine.test.ts > t:passed']);
  });

  it('a failure the queue accepted stops the build once it is handed in: the units still running are cut short', async () => {
    const [bad, slow] = [unit('bad.test.ts'), unit('slow.test.ts')];
    const queue = new FakeQueue({ reservations: [{ state: 'more', units: [bad, slow] }, { state: 'wait' }] });
    const job = await runQueueJob(queue, scripted({ [bad.id]: 'fails', [slow.id]: 'blocks' }), { bail: 1 });
    expect(job.stoppedBy).toBe('bail');
    expect(queue.calls.slice(0, 2)).toEqual([`complete ${bad.id}`, 'stopBuild']);
    expect(reported(job.local)).toContain('bad.test.ts > t:failed');
  });
});
