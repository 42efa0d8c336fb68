import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../src/model/events.js';
import type { WorkerMessage } from '../../../src/model/protocol.js';
import { passingFile, untilAborted, type Script } from '../../helpers/fake-pool.js';
import { FakeQueue, overdue, runQueueJob, type Reservation } from '../../helpers/queue-job.js';

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

  it('a failure sent back to the queue for another job to retry (--requeue) stops nothing: it is not final yet', async () => {
    const [bad, other] = [unit('bad.test.ts'), unit('other.test.ts')];
    const queue = new FakeQueue({ reservations: [{ state: 'more', units: [bad] }, { state: 'more', units: [other] }, { state: 'drained' }] });
    const job = await runQueueJob(queue, scripted({ [bad.id]: 'fails' }), { bail: 1, requeue: 1 });
    expect(job.warnings).toContain('ptest: sent 1 failed test(s) back to the queue for another job to retry (--requeue)');
    expect(job.stoppedBy).toBeUndefined();
    expect(queue.calls).not.toContain('stopBuild');
    expect(queue.calls).toContain(`complete ${other.id}`);
  });
});

describe('QueueFeeder: a job that loses Redis', () => {
  it("stops its backup copies and leaves them out of its reports (their holders report them), and reports the units it holds itself", async () => {
    const [mine, theirs] = [unit('mine.test.ts'), unit('theirs.test.ts')];
    // Redis goes when this job hands its own unit in, while its backup copy of theirs still runs
    const queue = new FakeQueue({
      reservations: [{ state: 'more', units: [mine] }, { state: 'wait', tail: overdue(theirs) }, { state: 'wait' }],
      backups: [theirs],
      handins: { [mine.id]: 'redis-lost' },
    });
    let copyStarted!: () => void;
    const started = new Promise<void>((resolve) => (copyStarted = resolve));
    let release!: () => void;
    const released = new Promise<'released'>((resolve) => (release = () => resolve('released')));
    let copyStopped = false;
    const script: Script = async (req, post, signal) => {
      if (req.unit.id === mine.id) await started;
      else {
        copyStarted();
        // the copy would end once the job has said it lost the queue, unless stopped first
        const exit = await Promise.race([released, untilAborted(signal)]);
        if (exit !== 'released') {
          copyStopped = true;
          return exit;
        }
      }
      passingFile(req.unit.file, ['t'], post);
      return { kind: 'done' };
    };
    const job = await runQueueJob(queue, script, { onWarn: (line) => line.includes('lost the queue') && release() });
    expect(copyStopped).toBe(true);
    expect(reported(job.local)).toEqual(['mine.test.ts > t:passed']);
    expect(job.warnings).toContain("ptest: the results of 1 unit(s) are not in the build's queue, only in this job's own reports: mine.test.ts");
    expect(job.warnings).toContain("ptest: this job's backup copies of 1 unit(s) other jobs hold were not handed in (the queue was lost): they are not reported here, since their holders report them: theirs.test.ts");
  });

  it('leaves out a backup copy that ended but could not be handed in', async () => {
    const [mine, theirs] = [unit('mine.test.ts'), unit('theirs.test.ts')];
    const queue = new FakeQueue({
      reservations: [{ state: 'more', units: [mine] }, { state: 'wait', tail: overdue(theirs) }, { state: 'wait' }],
      backups: [theirs],
      handins: { [theirs.id]: 'redis-lost' },
    });
    const job = await runQueueJob(queue, scripted({}));
    expect(queue.calls).toContain(`complete ${theirs.id}`);
    expect(reported(job.local)).toEqual(['mine.test.ts > t:passed']);
    expect(job.warnings.some((line) => line.includes('were not handed in (the queue was lost): they are not reported here, since their holders report them: theirs.test.ts'))).toBe(true);
  });
});

describe('QueueFeeder: a job that stops at the restart cap', () => {
  // 2 workers: at most 8 lost threads are replaced, so the 9th crash stops the job
  const names = Array.from({ length: 10 }, (_, i) => `exits ${i + 1}`);
  const [exits, slow] = [unit('exits.test.ts'), unit('slow.test.ts')];
  /** every test of exits.test.ts ends its thread; slow.test.ts runs until the stop aborts it */
  const script: Script = async (req, post, signal) => {
    const ids = req.unit.testIds ?? names.map((name) => `${req.unit.file} > ${name}`);
    const tests = ids.map((id) => {
      const name = id.slice(`${req.unit.file} > `.length);
      return { kind: 'test' as const, id, name, titlePath: [name], mode: 'run' as const };
    });
    post({ type: 'file:collected', tree: { kind: 'file', file: req.unit.file, children: tests } });
    post({ type: 'test:start', id: ids[0]!, timeoutMs: 1000 });
    return req.unit.file === exits.file ? { kind: 'crashed', message: 'process.exit(1)' } : untilAborted(signal);
  };

  it('hands in the unit that killed its threads as it is, gives the innocent one back, and does not stop the build', async () => {
    const queue = new FakeQueue({ reservations: [{ state: 'more', units: [exits, slow] }, { state: 'wait' }] });
    const job = await runQueueJob(queue, script);
    expect(job.stoppedBy).toBe('restart-cap');
    // handed in once, then the other unit went back to the queue for the other jobs; the build goes on
    expect(queue.calls).toEqual([`complete ${exits.id}`, `release ${slow.id}`]);
    const batch = queue.batches.get(exits.id)!;
    expect(reported(batch.events)).toEqual(names.slice(0, 9).map((name) => `exits.test.ts > ${name}:crashed`));
    // the test the stop left unrun is the build's "not run"
    expect(batch.notRun?.map(({ test }) => test.id)).toEqual(['exits.test.ts > exits 10']);
    expect(reported(job.local)).toContain('exits.test.ts > exits 9:crashed');
    expect(job.warnings).toContain("ptest: handing in the 1 unit(s) to blame for this job's lost worker threads as they are (their unfinished tests not run), not back to the queue: exits.test.ts");
  });

  it('under --bail, the crashes it hands in stop the build, although the job had stopped at the cap first', async () => {
    const queue = new FakeQueue({ reservations: [{ state: 'more', units: [exits, slow] }, { state: 'wait' }] });
    const job = await runQueueJob(queue, script, { bail: 1 });
    expect(job.stoppedBy).toBe('restart-cap');
    expect(queue.calls).toEqual([`complete ${exits.id}`, 'stopBuild', `release ${slow.id}`]);
  });

  it("drops a backup copy of a unit that loses it a worker thread, and never copies it again: another job's crashes do not spend its restarts", async () => {
    const mine = unit('mine.test.ts');
    // exits.test.ts is another job's; this job is offered a copy of it at each of 4 asks, then the queue is drained
    const offered: Reservation = { state: 'wait', tail: overdue(exits) };
    const queue = new FakeQueue({ reservations: [{ state: 'more', units: [mine] }, offered, offered, offered, offered, { state: 'drained' }], backups: [exits] });
    let copies = 0;
    const counting: Script = (req, post, signal) => {
      if (req.unit.id === exits.id) copies++;
      if (req.unit.id !== mine.id) return script(req, post, signal);
      passingFile(mine.file, ['t'], post);
      return Promise.resolve({ kind: 'done' });
    };
    const job = await runQueueJob(queue, counting);
    expect(job.stoppedBy).toBeUndefined();
    expect(copies).toBe(1);
    expect([...queue.calls].sort()).toEqual([`complete ${mine.id}`, `release ${exits.id}`]);
    expect(reported(job.local)).toEqual(['mine.test.ts > t:passed']);
    expect(job.warnings).toContain("ptest: dropped this job's backup copies of 1 unit(s) when they lost a worker thread here (their holders run them): exits.test.ts");
  });
});
