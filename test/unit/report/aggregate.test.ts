import { describe, expect, it } from 'vitest';
import type { RunEvent, TestRef } from '../../../src/model/events.js';
import type { AttemptStatus } from '../../../src/model/results.js';
import { RunAggregate } from '../../../src/report/aggregate.js';
import { toJson } from '../../../src/report/json-reporter.js';
import { OUTPUT_CAP } from '../../../src/report/output-log.js';

const ref = (name: string): TestRef => ({ id: `a.test.ts > suite > ${name}`, file: 'a.test.ts', titlePath: ['suite', name] });
const end = (name: string, status: AttemptStatus, slot = 0, startMs = 5): RunEvent => ({
  type: 'test:end',
  slot,
  test: ref(name),
  attempt: { status, durationMs: 10, ...(status === 'failed' ? { error: { message: '\u001b[31mred\u001b[39m diff', stack: 'Error: x' } } : {}) },
  startMs,
});

function aggregate(events: RunEvent[]) {
  const agg = new RunAggregate();
  const all: RunEvent[] = [
    { type: 'run:start', runId: 'r1', startedAt: '2026-11-23T00:00:00.000Z', workers: 2, dist: 'steal', files: 1 },
    ...events,
    { type: 'run:end', wallMs: 123.456, interrupted: false, stoppedBy: null, notRun: { tests: [], files: [] } },
  ];
  for (const e of all) agg.onEvent(e);
  return agg.report();
}

describe('RunAggregate', () => {
  it('marks the collected tests a stopped run left unfinished, apart from the skipped ones', () => {
    const agg = new RunAggregate();
    agg.onEvent({ type: 'run:start', runId: 'r1', startedAt: '', workers: 1, dist: 'steal', files: 2 });
    agg.onEvent(end('done', 'passed'));
    agg.onEvent(end('skip', 'skipped'));
    const notRun = { tests: [ref('done'), ref('left')].map((test) => ({ slot: 0, test })), files: ['b.test.ts'] };
    agg.onEvent({ type: 'run:end', wallMs: 50, interrupted: true, stoppedBy: 'interrupt', notRun });
    const report = agg.report();
    expect(report.tests.map((t) => [t.name, t.status, t.notRun ?? false])).toEqual([
      ['suite > done', 'passed', false],
      ['suite > left', 'skipped', true],
      ['suite > skip', 'skipped', false],
    ]);
    expect(report.summary).toMatchObject({ total: 3, passed: 1, skipped: 1, notRun: 1 });
    expect(report).toMatchObject({ stoppedBy: 'interrupt', notRunFiles: ['b.test.ts'] });
  });

  it('counts each status into the summary; timed out and crashed count as failed', () => {
    const report = aggregate([end('p', 'passed'), end('f', 'failed'), end('t', 'timedOut'), end('c', 'crashed'), end('s', 'skipped'), end('todo', 'todo')]);
    expect(report.summary).toEqual({ total: 6, passed: 1, failed: 3, skipped: 1, todo: 1, flaky: 0, quarantined: 0, errors: 0, notRun: 0, deselected: 0 });
  });

  it('counts the tests --grep deselected once each, though a unit of their file ran again', () => {
    const tree = { kind: 'file' as const, file: 'a.test.ts', children: [] };
    const collected = (slot: number, deselected: string[]): RunEvent => ({ type: 'file:collected', slot, tree, deselected });
    const report = aggregate([collected(0, ['a.test.ts > x', 'a.test.ts > y']), end('p', 'passed'), collected(1, ['a.test.ts > y', 'a.test.ts > z'])]);
    expect(report.summary).toMatchObject({ total: 1, passed: 1, deselected: 3 });
  });

  it('keeps every attempt of a test and calls fail-then-pass flaky', () => {
    const report = aggregate([end('x', 'failed', 0, 5), end('x', 'passed', 1, 50)]);
    const [test] = report.tests;
    expect(test?.status).toBe('flaky');
    expect(test?.attempts.map((a) => a.status)).toEqual(['failed', 'passed']);
    expect(test?.worker).toBe(1);
    expect(test?.startMs).toBe(5);
    expect(test?.durationMs).toBe(20);
    expect(report.summary.flaky).toBe(1);
  });

  it('sums busy time and tasks per worker, listing idle workers too', () => {
    const report = aggregate([
      { type: 'unit:end', slot: 0, file: 'a', atMs: 10, busyMs: 10, whole: true },
      { type: 'unit:end', slot: 0, file: 'b', atMs: 30, busyMs: 20, whole: true },
    ]);
    expect(report.workerStats).toEqual([
      { id: 0, busyMs: 30, idleMs: 123.456 - 30, tasks: 2, recycled: 0 },
      { id: 1, busyMs: 0, idleMs: 123.456, tasks: 0, recycled: 0 },
    ]);
  });

  it('puts every unit on its worker\'s timeline, closing those a stopped run left open at its end', () => {
    const report = aggregate([
      { type: 'unit:start', slot: 1, file: 'b', atMs: 2 },
      { type: 'unit:start', slot: 0, file: 'a', atMs: 1 },
      { type: 'unit:end', slot: 0, file: 'a', atMs: 10, busyMs: 9, whole: true },
      { type: 'unit:start', slot: 0, file: 'c', atMs: 11 },
      { type: 'unit:end', slot: 1, file: 'b', atMs: 40, busyMs: 38, whole: true },
    ]);
    expect(report.timeline).toEqual([
      { worker: 0, file: 'a', startMs: 1, endMs: 10 },
      { worker: 1, file: 'b', startMs: 2, endMs: 40 },
      { worker: 0, file: 'c', startMs: 11, endMs: 123.456 },
    ]);
  });

  it("adds up the files' snapshot tallies and names the files holding obsolete ones", () => {
    const tally = (obsolete: number, matched: number) => ({ added: 1, updated: 0, matched, unmatched: 0, obsolete, removed: 0 });
    const report = aggregate([
      { type: 'snapshots', slot: 0, file: 'b.test.ts', tally: tally(2, 3) },
      { type: 'snapshots', slot: 1, file: 'a.test.ts', tally: tally(0, 1) },
      { type: 'snapshots', slot: 0, file: 'c.test.ts', tally: tally(1, 0) },
    ]);
    expect(report.snapshots).toEqual({ added: 3, updated: 0, matched: 4, unmatched: 0, obsolete: 3, removed: 0, obsoleteFiles: ['b.test.ts', 'c.test.ts'] });
    expect(aggregate([]).snapshots).toEqual({ added: 0, updated: 0, matched: 0, unmatched: 0, obsolete: 0, removed: 0, obsoleteFiles: [] });
  });

  it('collects errors outside tests', () => {
    const report = aggregate([{ type: 'error', error: { file: 'b.test.ts', kind: 'import', message: 'boom' } }]);
    expect(report.errors).toEqual([{ file: 'b.test.ts', kind: 'import', message: 'boom' }]);
    expect(report.summary.errors).toBe(1);
  });

  it("keeps one of a split file's obsolete-snapshot errors, which each of its chunks finds, but every other repeated error", () => {
    const snapshot = { file: 'big.test.ts', kind: 'snapshot' as const, message: 'obsolete snapshot "gone 1" fails the run as in Jest; -u removes it' };
    const uncaught = { file: 'big.test.ts', kind: 'uncaught' as const, message: 'boom' };
    const report = aggregate([snapshot, snapshot, uncaught, uncaught].map((error) => ({ type: 'error' as const, error })));
    expect(report.errors).toEqual([snapshot, uncaught, uncaught]);
  });
});

describe('JSON report', () => {
  it('has exactly the contract’s top-level and per-test fields, without colour codes', () => {
    const json = toJson(aggregate([end('f', 'failed')])) as Record<string, any>;
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['schema', 'startedAt', 'wallMs', 'workers', 'dist', 'shard', 'summary', 'tests', 'errors', 'workerStats']));
    expect(json.schema).toBe('ptest-report/1');
    expect(json.shard).toBeNull();
    expect(Object.keys(json.tests[0])).toEqual(['id', 'file', 'name', 'status', 'quarantined', 'durationMs', 'worker', 'startMs', 'attempts']);
    expect(json.tests[0].name).toBe('suite > f');
    expect(json.tests[0].attempts[0]).toEqual({ status: 'failed', durationMs: 10, worker: 0, startMs: 5, error: { message: 'red diff', stack: 'Error: x' } });
  });
});

describe('RunAggregate: what tests printed', () => {
  it("keeps each test's output by stream, capped, and none of a file's own", () => {
    const out = (text: string, stream: 'stdout' | 'stderr' = 'stdout', test: TestRef | null = ref('talks')): RunEvent => ({ type: 'output', slot: 0, file: 'a.test.ts', ...(test ? { test } : {}), stream, text });
    const report = aggregate([
      out('imported\n', 'stdout', null),
      out('one\n'),
      out('warn\n', 'stderr'),
      out('x'.repeat(OUTPUT_CAP)),
      out('never kept\n'),
      end('talks', 'passed'),
      end('quiet', 'passed'),
    ]);
    const talks = report.tests.find((t) => t.name === 'suite > talks')!;
    expect(talks.output?.stderr).toBe('warn\n');
    expect(talks.output?.stdout.slice(0, 7)).toBe('one\nxxx');
    expect(talks.output?.stdout).toMatch(/… \(ptest keeps the first 64 Ki characters of a test's stdout\)\n$/);
    expect(talks.output?.stdout).not.toContain('never kept');
    expect(report.tests.find((t) => t.name === 'suite > quiet')).not.toHaveProperty('output');
    expect(JSON.stringify(report)).not.toContain('imported');
  });
});
