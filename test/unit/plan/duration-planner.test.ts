import { describe, expect, it } from 'vitest';
import { DurationPlanner } from '../../../src/plan/duration-planner.js';
import type { WorkUnit } from '../../../src/plan/planner.js';

const unit = (id: string, expectedMs: number, priority = 0): WorkUnit => ({ id, file: id, expectedMs, priority });

function lanesOf(units: WorkUnit[], slots: number): string[][] {
  const p = new DurationPlanner();
  for (let s = 0; s < slots; s++) p.addSlot(s);
  p.add(units);
  return [...p.snapshot().values()].map((lane) => lane.map((u) => u.id));
}

describe('DurationPlanner', () => {
  it('deals longest first to the least-loaded lane (LPT)', () => {
    // 7 → w0, 5 → w1, 4 → w1 (5 < 7), 3 → w0 (7 < 9), 2 → w0 (10 = 9+... ) : loads 10 / 11
    expect(lanesOf([unit('a', 3), unit('b', 7), unit('c', 5), unit('d', 4), unit('e', 2)], 2)).toEqual([
      ['b', 'a'],
      ['c', 'd', 'e'],
    ]);
  });

  it('runs a lane’s units that failed last run first, then slowest first', () => {
    expect(lanesOf([unit('slow', 9), unit('broken', 1, 1), unit('mid', 5)], 1)).toEqual([['broken', 'slow', 'mid']]);
  });

  it('is deterministic: ties are broken by id, whatever the input order', () => {
    const units = ['e', 'b', 'd', 'a', 'c'].map((id) => unit(id, 10));
    expect(lanesOf(units, 2)).toEqual(lanesOf([...units].reverse(), 2));
    expect(lanesOf(units, 2)).toEqual([
      ['a', 'c', 'e'],
      ['b', 'd'],
    ]);
  });

  it('spreads units with no estimate evenly instead of piling them on one lane', () => {
    const units = ['a', 'b', 'c', 'd'].map((id): WorkUnit => ({ id, file: id }));
    expect(lanesOf(units, 2).map((lane) => lane.length)).toEqual([2, 2]);
  });

  it('keeps lanes fixed: an idle slot does not take another lane’s work', () => {
    const p = new DurationPlanner();
    p.addSlot(0);
    p.addSlot(1);
    p.add([unit('a', 10), unit('b', 1), unit('c', 1)]);
    expect(p.next(1, 0)?.id).toBe('b');
    expect(p.next(1, 0)?.id).toBe('c');
    expect(p.next(1, 0)).toBeUndefined();
  });
});
