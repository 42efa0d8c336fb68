import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../src/model/events.js';
import type { TaskNode } from '../../../src/model/task-tree.js';
import { UnitTracker } from '../../../src/run/unit-tracker.js';

const test = (...titlePath: string[]): TaskNode => ({ kind: 'test', id: `f > ${titlePath.join(' > ')}`, name: titlePath.at(-1)!, titlePath, mode: 'run' });

function tracker() {
  const events: RunEvent[] = [];
  const t = new UnitTracker(0, { id: 'f', file: 'f' }, () => 0, (e) => events.push(e));
  t.onMessage({ type: 'file:collected', tree: { kind: 'file', file: 'f', children: [test('db', 'a'), test('db', 'b'), test('c')] } });
  const ends = () => events.flatMap((e) => (e.type === 'test:end' ? [`${e.test.id}:${e.attempt.status}`] : []));
  return { t, events, ends };
}

describe('UnitTracker.settleAbnormalEnd', () => {
  it('gives the tests handed back their share of the unit’s estimate and its priority', () => {
    const t = new UnitTracker(0, { id: 'f', file: 'f', expectedMs: 300, priority: 1 }, () => 0, () => {});
    t.onMessage({ type: 'file:collected', tree: { kind: 'file', file: 'f', children: [test('a'), test('b'), test('c')] } });
    t.onMessage({ type: 'test:start', id: 'f > a', timeoutMs: 10 });
    expect(t.settleAbnormalEnd({ status: 'crashed', message: 'x', phase: undefined })).toEqual({ id: 'f+rest', file: 'f', testIds: ['f > b', 'f > c'], expectedMs: 200, priority: 1 });
  });

  it('blames the running test and hands back the tests that never ran', () => {
    const { t, ends } = tracker();
    t.onMessage({ type: 'test:start', id: 'f > db > a', timeoutMs: 10 });
    const rest = t.settleAbnormalEnd({ status: 'crashed', message: 'boom', phase: { kind: 'test', id: 'f > db > a' } });
    expect(ends()).toEqual(['f > db > a:crashed']);
    expect(rest?.testIds).toEqual(['f > db > b', 'f > c']);
  });

  it('after a hung beforeAll, fails only the tests under that describe and requeues the others', () => {
    const { t, ends, events } = tracker();
    const rest = t.settleAbnormalEnd({ status: 'timedOut', message: 'stuck', phase: { kind: 'hook', hook: 'beforeAll', suite: ['db'] } });
    expect(ends()).toEqual(['f > db > a:failed', 'f > db > b:failed']);
    expect(rest?.testIds).toEqual(['f > c']);
    expect(events).toContainEqual({ type: 'error', error: { file: 'f', kind: 'timeout', message: 'in a beforeAll hook of "db": stuck' } });
  });

  it('lost outside any test before any progress: fails the rest rather than retrying forever', () => {
    const { t, ends } = tracker();
    expect(t.settleAbnormalEnd({ status: 'crashed', message: 'x', phase: undefined })).toBeUndefined();
    expect(ends()).toEqual(['f > db > a:failed', 'f > db > b:failed', 'f > c:failed']);
  });

  it('lost outside any test after some progress: requeues what never ran', () => {
    const { t } = tracker();
    t.onMessage({ type: 'test:end', id: 'f > db > a', attempt: { status: 'passed', durationMs: 1 } });
    expect(t.settleAbnormalEnd({ status: 'crashed', message: 'x', phase: undefined })?.testIds).toEqual(['f > db > b', 'f > c']);
  });

  it('during import: one error naming the file, nothing to requeue', () => {
    const events: RunEvent[] = [];
    const t = new UnitTracker(0, { id: 'f', file: 'f' }, () => 0, (e) => events.push(e));
    expect(t.settleAbnormalEnd({ status: 'timedOut', message: 'slow', phase: { kind: 'import' } })).toBeUndefined();
    expect(events).toEqual([{ type: 'error', error: { file: 'f', kind: 'timeout', message: 'while importing: slow' } }]);
  });
});

describe('UnitTracker: output', () => {
  it("names the test that wrote, and the file alone for what its import or beforeAll wrote", () => {
    const { t, events } = tracker();
    t.onMessage({ type: 'output', stream: 'stdout', text: 'import\n' });
    t.onMessage({ type: 'output', stream: 'stderr', text: 'oops\n', testId: 'f > db > a' });
    expect(events.filter((e) => e.type === 'output')).toEqual([
      { type: 'output', slot: 0, file: 'f', stream: 'stdout', text: 'import\n' },
      { type: 'output', slot: 0, file: 'f', test: { id: 'f > db > a', file: 'f', titlePath: ['db', 'a'] }, stream: 'stderr', text: 'oops\n' },
    ]);
  });
});
