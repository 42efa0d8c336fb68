import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../src/model/events.js';
import { buildReport } from '../../../src/queue/build-report.js';
import type { ResultBatch } from '../../../src/queue/queue-model.js';
import { buildSnapshot } from '../../helpers/build-snapshot.js';

const start = (workers: number): RunEvent => ({ type: 'run:start', runId: 'r', startedAt: '2026-11-23T00:00:00.000Z', workers, dist: 'steal', files: 2 });
const end: RunEvent = { type: 'run:end', wallMs: 100, interrupted: false, stoppedBy: null, notRun: { tests: [], files: [] } };
/** a unit of one passing test, run on `slot` */
function unitEvents(file: string, slot: number, status: 'passed' | 'failed' = 'passed'): RunEvent[] {
  const test = { id: `${file} > t`, file, titlePath: ['t'] };
  return [
    { type: 'unit:start', slot, file, atMs: 10 },
    { type: 'test:end', slot, test, attempt: { status, durationMs: 5 }, startMs: 10 },
    { type: 'unit:end', slot, file, atMs: 20, busyMs: 10, whole: true },
  ];
}
const job = (...batches: ResultBatch[]): ResultBatch[] => batches;

describe('the build report from what the jobs left in Redis', () => {
  it('counts each unit from the job whose results were accepted, and numbers workers across jobs', () => {
    const { report, parts } = buildReport(
      buildSnapshot({
        batches: new Map([
          ['a', job({ root: null, events: [start(2)] }, { root: 'a.test.ts', events: unitEvents('a.test.ts', 1, 'failed') }, { root: null, events: [end] })],
          // job b's results for a.test.ts were the accepted ones (a's lease had run out)
          ['b', job({ root: null, events: [start(2)] }, { root: 'a.test.ts', events: unitEvents('a.test.ts', 0) }, { root: 'b.test.ts', events: unitEvents('b.test.ts', 1) })],
        ]),
        done: new Map([['a.test.ts', 'b'], ['b.test.ts', 'b']]),
      }),
      'build',
      new Set(),
    );
    expect(report.tests.map((t) => [t.id, t.status, t.worker])).toEqual([
      ['a.test.ts > t', 'passed', 2],
      ['b.test.ts > t', 'passed', 3],
    ]);
    expect(report.workers).toBe(4);
    // the timeline's rows are named by job
    expect(report.workerStats.map((w) => [w.id, w.job])).toEqual([
      [0, 'a'],
      [1, 'a'],
      [2, 'b'],
      [3, 'b'],
    ]);
    expect(report.errors).toEqual([]);
    expect(parts).toEqual([report]);
  });

  it('gives a requeued failure both attempts, the other job\'s retry last: flaky when it passed', () => {
    const retry = 'a.test.ts > t ~requeue1';
    const { report } = buildReport(
      buildSnapshot({
        // job b's events come first in Redis, but its retry still goes after a's failure
        batches: new Map([
          ['b', job({ root: null, events: [start(1)] }, { root: retry, events: unitEvents('a.test.ts', 0) })],
          ['a', job({ root: null, events: [start(1)] }, { root: 'a.test.ts', events: unitEvents('a.test.ts', 0, 'failed') }, { root: 'b.test.ts', events: unitEvents('b.test.ts', 0) })],
        ]),
        done: new Map([['a.test.ts', 'a'], ['b.test.ts', 'a'], [retry, 'b']]),
      }),
      'build',
      new Set(),
    );
    const test = report.tests.find((t) => t.id === 'a.test.ts > t');
    expect(test?.status).toBe('flaky');
    expect(test?.attempts.map((a) => [a.status, a.job, a.worker])).toEqual([
      ['failed', 'a', 1],
      ['passed', 'b', 0],
    ]);
    expect(report.summary).toMatchObject({ total: 2, passed: 1, flaky: 1, failed: 0 });
  });

  it('reports a unit given up on as a crash of its file, and a queue that did not drain', () => {
    const { report } = buildReport(buildSnapshot({ dead: new Map([['a.test.ts', 'a']]), waiting: 1, batches: new Map([['a', job({ root: null, events: [start(1)] })]]) }), 'build', new Set());
    expect(report.errors).toEqual([
      { file: null, kind: 'queue', message: 'the build did not finish: 1 unit(s) were not finished (1 waiting, 0 held by a job), 0 job(s) still running' },
      { file: 'a.test.ts', kind: 'crash', message: 'a.test.ts: every job that took it stopped before finishing it (the last: a); given up after the second' },
    ]);
    expect(report.notRunFiles).toEqual(['a.test.ts', 'b.test.ts']);
    expect(report.summary.errors).toBe(2);
  });

  it('counts as not run what a unit handed in as it is did not run, while the build went on, and not what its job gave back', () => {
    const refOf = (file: string, name: string) => ({ id: `${file} > ${name}`, file, titlePath: [name] });
    const crashed: RunEvent = { type: 'test:end', slot: 0, test: refOf('a.test.ts', 't'), attempt: { status: 'crashed', durationMs: 5 }, startMs: 10 };
    // job a stopped at the restart cap: it handed a.test.ts in cut short, and gave b.test.ts back, which job b ran
    const capped: RunEvent = { ...end, stoppedBy: 'restart-cap', notRun: { tests: [{ slot: 0, test: refOf('a.test.ts', 'u') }, { slot: 1, test: refOf('b.test.ts', 't') }], files: [] } };
    const { report } = buildReport(
      buildSnapshot({
        batches: new Map([
          ['a', job({ root: null, events: [start(2)] }, { root: 'a.test.ts', events: [crashed], notRun: [{ slot: 0, test: refOf('a.test.ts', 'u') }] }, { root: null, events: [capped] })],
          ['b', job({ root: null, events: [start(1)] }, { root: 'b.test.ts', events: unitEvents('b.test.ts', 0) })],
        ]),
        done: new Map([['a.test.ts', 'a'], ['b.test.ts', 'b']]),
      }),
      'build',
      new Set(),
    );
    expect(report.tests.map((t) => [t.id, t.status, t.notRun ?? false])).toEqual([
      ['a.test.ts > t', 'crashed', false],
      ['a.test.ts > u', 'skipped', true],
      ['b.test.ts > t', 'passed', false],
    ]);
    expect(report.summary).toMatchObject({ total: 3, failed: 1, passed: 1, notRun: 1 });
    expect(report.stoppedBy).toBeNull();
    expect(report.errors).toEqual([]);
  });

  it("a build stopped by a job's --bail: what still waits did not run, with no queue error, and the build is stopped by bail", () => {
    const { report } = buildReport(
      buildSnapshot({
        stoppedBy: 'a',
        waiting: 1,
        batches: new Map([['a', job({ root: null, events: [start(1)] }, { root: 'a.test.ts', events: unitEvents('a.test.ts', 0, 'failed') })]]),
        done: new Map([['a.test.ts', 'a']]),
      }),
      'build',
      new Set(),
    );
    expect(report.errors).toEqual([]);
    expect(report.stoppedBy).toBe('bail');
    expect(report.notRunFiles).toEqual(['b.test.ts']);
    expect(report.summary).toMatchObject({ total: 1, failed: 1 });
  });
});
