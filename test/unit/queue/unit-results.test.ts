import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../src/model/events.js';
import { RemotePlanner } from '../../../src/plan/remote-planner.js';
import { UnitResults } from '../../../src/queue/unit-results.js';

const test = (file: string) => ({ id: `${file} > t`, file, titlePath: ['t'] });
const end = (slot: number, file: string, status: 'passed' | 'failed'): RunEvent => ({ type: 'test:end', slot, test: test(file), attempt: { status, durationMs: 1 }, startMs: 0 });

/** two slots, each running one reserved unit, as a queue job would */
function twoUnits(requeue = 0) {
  const planner = new RemotePlanner();
  const results = new UnitResults(planner, requeue);
  const units = [{ id: 'a', file: 'a' }, { id: 'b', file: 'b' }];
  for (const slot of [0, 1]) planner.addSlot(slot);
  planner.add(units);
  results.hold(units);
  planner.next(0, 0);
  planner.next(1, 0);
  return { planner, results };
}

describe("UnitResults: one job's events, by the reserved unit they belong to", () => {
  it("hands in each unit with its own slot's events once it is done, and keeps the job's own apart", () => {
    const { planner, results } = twoUnits();
    results.observe({ type: 'run:start', runId: 'r', startedAt: '', workers: 2, dist: 'queue', files: 2 });
    results.observe(end(1, 'b', 'passed'));
    results.observe(end(0, 'a', 'passed'));
    results.observe({ type: 'error', error: { file: 'b', kind: 'uncaught', message: 'late' } });
    planner.done(1, 'b');
    const [handin, ...rest] = results.completed(false);
    expect(rest).toEqual([]);
    expect(handin?.root).toBe('b');
    expect(handin?.batch.events.map((e) => e.type)).toEqual(['test:end', 'error']);
    expect(results.heldIds).toEqual(['a']);
    expect(results.jobBatch()?.events.map((e) => e.type)).toEqual(['run:start']);
    expect(results.jobBatch()).toBeNull();
  });

  it('sends a final failure back to the queue with its unit, up to --requeue times', () => {
    const { planner, results } = twoUnits(1);
    results.observe(end(0, 'a', 'failed'));
    results.observe(end(1, 'b', 'passed'));
    planner.done(0, 'a');
    planner.done(1, 'b');
    const handins = results.completed(false);
    expect(handins.map((h) => [h.root, h.requeues.map((u) => u.id)])).toEqual([
      ['a', ['a > t ~requeue1']],
      ['b', []],
    ]);
  });

  it('keeps units cut short held when they are to be given back to the queue', () => {
    const { planner, results } = twoUnits();
    planner.done(0, 'a');
    expect(results.completed(true)).toEqual([]);
    expect(results.heldIds).toEqual(['a', 'b']);
  });

  it("lets the job's reports take its own events at once, and a unit's only when it is handed in", () => {
    const { planner, results } = twoUnits();
    expect(results.observe({ type: 'run:start', runId: 'r', startedAt: '', workers: 2, dist: 'queue', files: 2 })).toBe('job');
    expect(results.observe(end(0, 'a', 'passed'))).toBe('unit');
    planner.done(0, 'a');
    expect(results.completed(false).map((h) => h.batch.events.length)).toEqual([1]);
  });

  it("drops a cancelled unit (another job's copy came first): its events, its requeues, and its hand-in", () => {
    const { planner, results } = twoUnits(1);
    results.observe(end(0, 'a', 'failed'));
    results.cancel('a');
    expect(results.observe({ type: 'unit:end', slot: 0, file: 'a', atMs: 5, busyMs: 5, whole: true })).toBe('dropped');
    expect(results.heldIds).toEqual(['b']);
    planner.done(0, 'a');
    expect(results.completed(false)).toEqual([]);
    expect(results.leftovers()).toEqual([]);
  });

  it('says how far each held unit has got, and hands in how long its units kept workers busy, for the pace', () => {
    const { planner, results } = twoUnits();
    const tree = { kind: 'file' as const, file: 'a', children: ['t', 'u', 'v', 'w'].map((name) => ({ kind: 'test' as const, id: `a > ${name}`, name, titlePath: [name], mode: 'run' as const })) };
    results.observe({ type: 'file:collected', slot: 0, tree });
    results.observe(end(0, 'a', 'passed'));
    expect(results.progressOfHeld).toEqual(new Map([['a', 0.25], ['b', 0]]));
    results.observe({ type: 'unit:end', slot: 0, file: 'a', atMs: 900, busyMs: 700, whole: false });
    planner.done(0, 'a');
    results.hold([{ id: 'c', file: 'c', expectedMs: 300 }], true);
    expect(results.completed(false).map(({ root, ranMs, backup }) => ({ root, ranMs, backup }))).toEqual([{ root: 'a', ranMs: 700, backup: false }]);
    expect(results.isBackup('c')).toBe(true);
  });

  it('blames a unit for a lost thread its own test took down, not one that only died beside it, and hands it in with what never ran', () => {
    const { planner, results } = twoUnits();
    const tree = { kind: 'file' as const, file: 'a', children: ['t', 'u'].map((name) => ({ kind: 'test' as const, id: `a > ${name}`, name, titlePath: [name], mode: 'run' as const })) };
    results.observe({ type: 'file:collected', slot: 0, tree });
    // a's test blocked its thread until the watchdog ended it; b was a victim of the same process's crash
    results.observe({ type: 'worker:lost', slot: 0, reason: 'blocked' });
    results.observe({ type: 'test:end', slot: 0, test: { id: 'a > t', file: 'a', titlePath: ['t'] }, attempt: { status: 'timedOut', durationMs: 1 }, startMs: 0 });
    results.observe({ type: 'worker:lost', slot: 1, reason: 'segfault' });
    results.observe({ type: 'unit:end', slot: 1, file: 'b', atMs: 5, busyMs: 5, whole: false });
    planner.done(1, 'b');
    expect(results.completed(true)).toEqual([]);
    const [handin, ...rest] = results.killedWorkers();
    expect(rest).toEqual([]);
    expect(handin?.root).toBe('a');
    expect(handin?.batch.notRun).toEqual([{ slot: 0, test: { id: 'a > u', file: 'a', titlePath: ['u'] } }]);
    expect(results.heldIds).toEqual(['b']);
  });

  it('gives back for the own reports whatever was never handed in', () => {
    const { results } = twoUnits();
    results.observe(end(1, 'b', 'passed'));
    expect(results.leftovers().map((e) => e.type)).toEqual(['test:end']);
    expect(results.leftovers()).toEqual([]);
  });
});
