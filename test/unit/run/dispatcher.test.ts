import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../src/model/events.js';
import type { RunRequest, RunSettings, WorkerMessage } from '../../../src/model/protocol.js';
import { DEFAULT_COMPAT } from '../../../src/model/compat.js';
import { NO_RERUNS, type RerunSettings } from '../../../src/model/reruns.js';
import type { Planner } from '../../../src/plan/planner.js';
import { RemotePlanner } from '../../../src/plan/remote-planner.js';
import { StealPlanner } from '../../../src/plan/steal-planner.js';
import { StaticPlanner } from '../../../src/plan/static-planner.js';
import { Dispatcher } from '../../../src/run/dispatcher.js';
import { FakePool, passingFile, settle, untilAborted, type Script } from '../../helpers/fake-pool.js';
import { FakeTimers } from '../../helpers/fake-timers.js';

const settings = (workerCount: number, reruns: RerunSettings): RunSettings => ({ root: '/r', runId: 'run', workerCount, timeoutMs: 1000, grep: null, cacheDir: '/c', sandbox: { runDir: '/s', copy: [] }, setupWorker: null, provided: {}, reruns, skipIds: [], compat: DEFAULT_COMPAT, isolateModules: false });

function setup(script: Script, workers = 2, bail = 0, planner: Planner = new StealPlanner(), recycleAboveBytes: number | null = null, reruns: RerunSettings = NO_RERUNS, lossHint?: string) {
  const timers = new FakeTimers();
  const events: RunEvent[] = [];
  /** called with each event as it is emitted, for what must be read at that moment */
  const listeners: ((event: RunEvent) => void)[] = [];
  const pool = new FakePool(script);
  const emit = (event: RunEvent) => {
    events.push(event);
    for (const listener of listeners) listener(event);
  };
  const dispatcher = new Dispatcher({ pool, planner, settings: settings(workers, reruns), emit, now: () => timers.now, timers, bail, recycleAboveBytes, ...(lossHint ? { lossHint } : {}) });
  const ends = () => events.flatMap((e) => (e.type === 'test:end' ? [`${e.test.id}:${e.attempt.status}@w${e.slot}`] : []));
  return { timers, events, listeners, pool, dispatcher, ends };
}

const units = (...files: string[]) => files.map((file) => ({ id: file, file }));
const testTree = (file: string, names: string[]): WorkerMessage => ({
  type: 'file:collected',
  tree: { kind: 'file', file, children: names.map((name) => ({ kind: 'test', id: `${file} > ${name}`, name, titlePath: [name], mode: 'run' })) },
});

describe('Dispatcher', () => {
  it('runs every unit once, on the slots, and reports each test', async () => {
    const { dispatcher, pool, ends } = setup(async (req, post) => {
      passingFile(req.unit.file, ['t'], post);
      return { kind: 'done' };
    });
    await dispatcher.run(units('a', 'b', 'c'));
    expect(pool.requests.map((r) => r.unit.file).sort()).toEqual(['a', 'b', 'c']);
    expect(ends().map((e) => e.split(':')[0]).sort()).toEqual(['a > t', 'b > t', 'c > t']);
  });

  it('gives each slot one unit at a time, with the slot id in the request', async () => {
    const running = new Set<number>();
    let overlap = false;
    const { dispatcher, pool } = setup(async (req, post) => {
      if (running.has(req.slot)) overlap = true;
      running.add(req.slot);
      await settle();
      running.delete(req.slot);
      passingFile(req.unit.file, ['t'], post);
      return { kind: 'done' };
    }, 3);
    await dispatcher.run(units('a', 'b', 'c', 'd', 'e', 'f'));
    expect(overlap).toBe(false);
    expect(new Set(pool.requests.map((r) => r.slot))).toEqual(new Set([0, 1, 2]));
  });

  it('on a blocked thread: blames the running test as timedOut and requeues the rest on the same slot', async () => {
    const { dispatcher, pool, timers, ends } = setup(async (req, post, signal) => {
      if (req.unit.testIds) {
        for (const id of req.unit.testIds) post({ type: 'test:end', id, attempt: { status: 'passed', durationMs: 1 } });
        post({ type: 'unit:end', heapUsedBytes: 0 });
        return { kind: 'done' };
      }
      post(testTree('a', ['one', 'spin', 'three']));
      post({ type: 'test:start', id: 'a > one', timeoutMs: 1000 });
      post({ type: 'test:end', id: 'a > one', attempt: { status: 'passed', durationMs: 1 } });
      post({ type: 'test:start', id: 'a > spin', timeoutMs: 1000 });
      return untilAborted(signal);
    }, 1, 0, new StaticPlanner());
    const run = dispatcher.run(units('a'));
    await settle();
    timers.advance(999 + 1000);
    await settle();
    expect(ends()).toEqual(['a > one:passed@w0']);
    timers.advance(1);
    await run;
    expect(ends()).toEqual(['a > one:passed@w0', 'a > spin:timedOut@w0', 'a > three:passed@w0']);
    expect(pool.requests[1]?.unit).toEqual({ id: 'a+rest', file: 'a', testIds: ['a > three'], priority: 0 });
  });

  it('on a crashed thread: reports the running test crashed and the worker lost', async () => {
    const { dispatcher, events, ends } = setup(async (req, post) => {
      if (req.unit.testIds) {
        post({ type: 'unit:end', heapUsedBytes: 0 });
        return { kind: 'done' };
      }
      post(testTree('a', ['exits']));
      post({ type: 'test:start', id: 'a > exits', timeoutMs: 1000 });
      return { kind: 'crashed', message: 'worker exited with code 3' };
    }, 1);
    await dispatcher.run(units('a'));
    expect(ends()).toEqual(['a > exits:crashed@w0']);
    expect(events).toContainEqual({ type: 'worker:lost', slot: 0, reason: 'worker exited with code 3' });
  });

  it('reports a crash during import as a file error, with nothing requeued', async () => {
    const { dispatcher, events, pool } = setup(async (_req, post) => {
      post({ type: 'file:importing', timeoutMs: 1000 });
      return { kind: 'crashed', message: 'process.exit(1)' };
    }, 1);
    await dispatcher.run(units('a'));
    expect(pool.requests).toHaveLength(1);
    expect(events.filter((e) => e.type === 'error')).toEqual([
      { type: 'error', error: { file: 'a', kind: 'crash', message: 'while importing: worker crashed: process.exit(1)' } },
    ]);
  });

  it('with --bail: stops after the n-th failure, aborting running units and starting no more', async () => {
    const { dispatcher, pool } = setup(async (req, post, signal) => {
      post(testTree(req.unit.file, ['t']));
      post({ type: 'test:end', id: `${req.unit.file} > t`, attempt: { status: req.unit.file === 'bad' ? 'failed' : 'passed', durationMs: 1 } });
      if (req.unit.file === 'slow') return untilAborted(signal);
      post({ type: 'unit:end', heapUsedBytes: 0 });
      return { kind: 'done' };
    }, 2, 1, new StaticPlanner());
    // static lanes: w0 [slow, c], w1 [bad, d]
    await dispatcher.run(units('slow', 'bad', 'c', 'd'));
    expect(pool.requests.map((r) => r.unit.file)).toEqual(['slow', 'bad']);
    expect(dispatcher.stoppedBy).toBe('bail');
  });

  it('ends the error that stops a run for lost threads with the hint it was given', async () => {
    const { dispatcher, events } = setup(async () => ({ kind: 'crashed', message: 'SIGSEGV' }), 1, 0, new StealPlanner(), null, NO_RERUNS, 'try --pool forks');
    await dispatcher.run(units(...Array.from({ length: 6 }, (_, i) => `f${i}`)));
    expect(events.flatMap((e) => (e.type === 'error' && e.error.file === null ? [e.error.message] : []))).toEqual([
      'stopped after 5 worker threads were lost (at most 4 per worker are replaced); the tests not reported did not run; try --pool forks',
    ]);
  });

  it('stops, with an error saying why, once more threads were lost than 4 per worker', async () => {
    const { dispatcher, pool, events } = setup(async (req, post) => {
      post({ type: 'file:importing', timeoutMs: 1000 });
      return { kind: 'crashed', message: 'segfault' };
    }, 2);
    await dispatcher.run(units(...Array.from({ length: 20 }, (_, i) => `f${i}`)));
    expect(dispatcher.stoppedBy).toBe('restart-cap');
    expect(pool.requests.length).toBeLessThanOrEqual(10); // 8 replaced, the 9th loss stops; the other slot may finish its unit
    expect(events).toContainEqual({
      type: 'error',
      error: { file: null, kind: 'crash', message: 'stopped after 9 worker threads were lost (at most 4 per worker are replaced); the tests not reported did not run' },
    });
  });

  it('cancel stops the named units where they run and blames nothing; the run goes on, and the slot takes its next unit', async () => {
    const planner = new RemotePlanner();
    const { dispatcher, pool, events, ends } = setup(async (req, post, signal) => {
      if (req.unit.id !== 'a') {
        passingFile(req.unit.file, ['t'], post);
        return { kind: 'done' };
      }
      post(testTree('a', ['x', 'y']));
      post({ type: 'test:start', id: 'a > x', timeoutMs: 1000 });
      return untilAborted(signal);
    }, 2, 0, planner);
    const run = dispatcher.run(units('a', 'b'));
    await settle();
    // another job's copy of 'a' was handed in first (as the queue feeder does it)
    dispatcher.cancel(planner.cancel('a'));
    await settle();
    planner.add(units('c'));
    planner.drained();
    dispatcher.recheck();
    await run;
    expect(pool.requests.map((r) => r.unit.id)).toEqual(['a', 'b', 'c']);
    expect(ends().map((e) => e.split('@')[0])).toEqual(['b > t:passed', 'c > t:passed']);
    expect(events.filter((e) => e.type === 'worker:lost' || e.type === 'error')).toEqual([]);
    expect(planner.takeCompleted().sort()).toEqual(['b', 'c']);
  });

  it('counts busy time per slot in unit:end events', async () => {
    const { dispatcher, events, timers } = setup(async (req, post) => {
      timers.now += 40;
      passingFile(req.unit.file, ['t'], post);
      return { kind: 'done' };
    }, 1);
    await dispatcher.run(units('a', 'b'));
    const busy = events.flatMap((e) => (e.type === 'unit:end' ? [e.busyMs] : []));
    expect(busy).toEqual([40, 40]);
  });

  describe('a crash that takes several units down at once (the host process died)', () => {
    /**
     * Two files start together; while `a > boom` and `b > x` run, the whole process dies. Then
     * each suspect reruns alone; `a > boom` crashes again only if `boomCrashesAlone`.
     */
    function sharedCrash(boomCrashesAlone: boolean, planner: Planner = new StaticPlanner()) {
      let concurrent = 0;
      let maxConcurrentSuspects = 0;
      let killProcess: (() => void) | undefined;
      const victims: ((exit: { kind: 'crashed'; message: string; casualties: number }) => void)[] = [];
      const fixture = setup(async (req, post) => {
        const ids = req.unit.testIds;
        if (!ids) {
          // first round: both files collect and start a test, then the process dies under both
          const names = req.unit.file === 'a' ? ['ok', 'boom', 'after'] : ['x', 'y'];
          post(testTree(req.unit.file, names));
          if (req.unit.file === 'a') {
            post({ type: 'test:start', id: 'a > ok', timeoutMs: 1000 });
            post({ type: 'test:end', id: 'a > ok', attempt: { status: 'passed', durationMs: 1 } });
          }
          post({ type: 'test:start', id: `${req.unit.file} > ${names[req.unit.file === 'a' ? 1 : 0]}`, timeoutMs: 1000 });
          return new Promise((resolve) => {
            victims.push(resolve);
            if (victims.length === 2) killProcess = () => victims.forEach((v) => v({ kind: 'crashed', message: 'the worker process was killed by SIGSEGV', casualties: 2 }));
          });
        }
        const suspect = req.unit.id.endsWith('+suspect');
        if (suspect) maxConcurrentSuspects = Math.max(maxConcurrentSuspects, ++concurrent);
        await settle();
        if (suspect) concurrent--;
        post(testTree(req.unit.file, ids.map((id) => id.split(' > ')[1]!)));
        for (const id of ids) {
          post({ type: 'test:start', id, timeoutMs: 1000 });
          if (id === 'a > boom' && boomCrashesAlone) return { kind: 'crashed', message: 'the worker process was killed by SIGSEGV', casualties: 1 };
          post({ type: 'test:end', id, attempt: { status: 'passed', durationMs: 1 } });
        }
        post({ type: 'unit:end', heapUsedBytes: 0 });
        return { kind: 'done' };
      }, 2, 0, planner);
      const run = async () => {
        const done = fixture.dispatcher.run(units('a', 'b'));
        await settle();
        killProcess?.();
        await done;
      };
      return { ...fixture, run, maxConcurrentSuspects: () => maxConcurrentSuspects };
    }

    it('reruns each running test alone: the one that crashes again is the culprit, the other reports its own outcome', async () => {
      const { run, ends, pool, maxConcurrentSuspects, events } = sharedCrash(true);
      await run();
      expect(ends().map((e) => e.replace(/@w\d/, '')).sort()).toEqual(['a > after:passed', 'a > boom:crashed', 'a > ok:passed', 'b > x:passed', 'b > y:passed']);
      const suspects = pool.requests.filter((r) => r.unit.id.endsWith('+suspect')).map((r) => r.unit.testIds);
      expect(suspects).toEqual([['a > boom'], ['b > x']]);
      expect(maxConcurrentSuspects()).toBe(1);
      expect(events.filter((e) => e.type === 'error')).toEqual([]);
    });

    it('runs nothing else until every suspect has run', async () => {
      const { run, pool } = sharedCrash(true);
      await run();
      const order = pool.requests.map((r) => r.unit.id);
      expect(order.slice(0, 4)).toEqual(['a', 'b', 'a+suspect', 'b+suspect']);
      expect(order.slice(4).sort()).toEqual(['a+rest', 'b+rest']);
    });

    it("keeps the suspects and held tests in the crashed unit's lineage, so a queue hands the unit in only when all of it ran", async () => {
      const planner = new RemotePlanner();
      planner.drained();
      const { run, listeners, events } = sharedCrash(true, planner);
      // as the queue feeder does: tag each test end with the slot's reserved unit, take completions after each turn
      const tagged: string[] = [];
      const completed: string[] = [];
      listeners.push((event) => {
        if (event.type === 'test:end') tagged.push(`${event.test.id}@${planner.rootOf(event.slot)}`);
        if (event.type === 'unit:end') setImmediate(() => completed.push(...planner.takeCompleted().map((root) => `${root} after ${tagged.length} ends`)));
      });
      await run();
      await settle();
      expect(tagged.filter((t) => t.split(' > ')[0] !== t.split('@')[1])).toEqual([]);
      expect(events.filter((e) => e.type === 'test:end')).toHaveLength(5);
      expect(completed.sort()).toEqual(['a after 5 ends', 'b after 5 ends']);
    });

    it('when no suspect crashes again: every test reports its own outcome and the crash is a run error', async () => {
      const { run, ends, events } = sharedCrash(false);
      await run();
      expect(ends().filter((e) => !e.includes(':passed'))).toEqual([]);
      expect(events.filter((e) => e.type === 'error')).toEqual([
        {
          type: 'error',
          error: { file: null, kind: 'crash', message: 'a crash took down a > boom, b > x at once, and none crashed again alone: worker crashed: the worker process was killed by SIGSEGV' },
        },
      ]);
    });
  });

  it('replaces a thread whose heap is above the limit after a unit, before its next, and only that one', async () => {
    const { dispatcher, pool, events } = setup(async (req, post) => {
      post(testTree(req.unit.file, ['t']));
      post({ type: 'unit:end', heapUsedBytes: req.unit.file === 'lean' ? 100 : 600 });
      return { kind: 'done' };
    }, 2, 0, new StaticPlanner(), 500);
    // static lanes: w0 [fat, last], w1 [lean, last2]: nothing to recycle for after the last unit
    await dispatcher.run(units('fat', 'lean', 'last', 'last2'));
    expect(pool.recycled).toEqual([0]);
    expect(events).toContainEqual({ type: 'worker:recycled', slot: 0, heapUsedBytes: 600 });
  });

  describe('with --reruns', () => {
    const crashOnce = (crashes: (req: RunRequest) => boolean): Script => async (req, post) => {
      post(testTree('a', ['t']));
      post({ type: 'test:start', id: 'a > t', timeoutMs: 1000 });
      if (crashes(req)) return { kind: 'crashed', message: 'killed by SIGSEGV' };
      post({ type: 'test:end', id: 'a > t', attempt: { status: 'passed', durationMs: 1 } });
      post({ type: 'unit:end', heapUsedBytes: 0 });
      return { kind: 'done' };
    };

    it('retries a test whose worker crashed in a unit of its own, numbering the attempt, and marks the crash as retried', async () => {
      const { dispatcher, events, pool, ends } = setup(crashOnce((req) => !req.unit.firstAttempt), 1, 0, new StealPlanner(), null, { count: 1, delayMs: 0, isolated: false });
      await dispatcher.run(units('a'));
      expect(ends()).toEqual(['a > t:crashed@w0', 'a > t:passed@w0']);
      expect(pool.requests[1]?.unit).toMatchObject({ file: 'a', testIds: ['a > t'], firstAttempt: 1 });
      const crashed = events.find((e) => e.type === 'test:end' && e.attempt.status === 'crashed');
      expect(crashed).toMatchObject({ retry: true });
    });

    it('runs the last retry under --rerun-isolated on a fresh thread', async () => {
      const { dispatcher, pool } = setup(async (req, post) => {
        post(testTree('a', ['t']));
        post({ type: 'test:start', id: 'a > t', timeoutMs: 1000 });
        // the worker already used its in-place attempt: this end is final as far as it knows
        post({ type: 'test:end', id: 'a > t', attempt: { status: req.unit.isolated ? 'passed' : 'failed', durationMs: 1 } });
        post({ type: 'unit:end', heapUsedBytes: 0 });
        return { kind: 'done' };
      }, 1, 0, new StealPlanner(), null, { count: 1, delayMs: 0, isolated: true });
      await dispatcher.run(units('a'));
      expect(pool.requests.map((r) => r.unit.isolated ?? false)).toEqual([false, true]);
      expect(pool.recycled).toEqual([0]);
    });

    it('does not count a failure that will be retried towards --bail', async () => {
      const { dispatcher, ends } = setup(crashOnce((req) => !req.unit.firstAttempt), 1, 1, new StealPlanner(), null, { count: 1, delayMs: 0, isolated: false });
      await dispatcher.run(units('a'));
      expect(dispatcher.stoppedBy).toBeUndefined();
      expect(ends()).toEqual(['a > t:crashed@w0', 'a > t:passed@w0']);
    });

    it('never retries beyond the count: a test that keeps crashing ends crashed', async () => {
      const { dispatcher, pool, ends } = setup(crashOnce(() => true), 1, 0, new StealPlanner(), null, { count: 2, delayMs: 0, isolated: false });
      await dispatcher.run(units('a'));
      expect(pool.requests).toHaveLength(3);
      expect(ends()).toEqual(['a > t:crashed@w0', 'a > t:crashed@w0', 'a > t:crashed@w0']);
    });

    it('retries the tests of a failed beforeAll in one unit, importing the file once more, not once per test', async () => {
      const { dispatcher, pool } = setup(async (req, post) => {
        post(testTree('a', ['x', 'y', 'z']));
        for (const name of ['x', 'y', 'z']) post({ type: 'test:end', id: `a > ${name}`, attempt: { status: req.unit.firstAttempt ? 'passed' : 'failed', durationMs: 0 } });
        post({ type: 'unit:end', heapUsedBytes: 0 });
        return { kind: 'done' };
      }, 1, 0, new StealPlanner(), null, { count: 1, delayMs: 0, isolated: false });
      await dispatcher.run(units('a'));
      expect(pool.requests.map((r) => r.unit.testIds ?? 'all')).toEqual(['all', ['a > x', 'a > y', 'a > z']]);
    });

    it('does not retry tests that never ran because the hook before them hung', async () => {
      const { dispatcher, pool, timers, ends } = setup(async (_req, post, signal) => {
        post(testTree('a', ['x', 'y']));
        post({ type: 'hook:start', hook: 'beforeEach', suite: [], timeoutMs: 50 });
        return untilAborted(signal);
      }, 1, 0, new StealPlanner(), null, { count: 2, delayMs: 0, isolated: false });
      const done = dispatcher.run(units('a'));
      await settle();
      timers.advance(5000);
      await done;
      expect(pool.requests).toHaveLength(1);
      expect(ends()).toEqual(['a > x:failed@w0', 'a > y:failed@w0']);
    });

    it('makes the retry a worker promised in place when the worker dies before it', async () => {
      const { dispatcher, pool, ends } = setup(async (req, post) => {
        post(testTree('a', ['t']));
        post({ type: 'test:start', id: 'a > t', timeoutMs: 1000 });
        if (req.unit.firstAttempt === undefined) {
          post({ type: 'test:end', id: 'a > t', attempt: { status: 'failed', durationMs: 1 }, retry: true });
          return { kind: 'crashed', message: 'died during --reruns-delay' };
        }
        post({ type: 'test:end', id: 'a > t', attempt: { status: 'passed', durationMs: 1 } });
        post({ type: 'unit:end', heapUsedBytes: 0 });
        return { kind: 'done' };
      }, 1, 0, new StealPlanner(), null, { count: 1, delayMs: 0, isolated: false });
      await dispatcher.run(units('a'));
      expect(pool.requests[1]?.unit).toMatchObject({ testIds: ['a > t'], firstAttempt: 1 });
      expect(ends()).toEqual(['a > t:failed@w0', 'a > t:passed@w0']);
    });
  });
});
