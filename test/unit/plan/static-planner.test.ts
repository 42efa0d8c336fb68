import { describe, expect, it } from 'vitest';
import type { Planner, WorkUnit } from '../../../src/plan/planner.js';
import { StaticPlanner } from '../../../src/plan/static-planner.js';

const units = (...files: string[]): WorkUnit[] => files.map((file) => ({ id: file, file }));

function withSlots(planner: Planner, n: number): Planner {
  for (let slot = 0; slot < n; slot++) planner.addSlot(slot);
  return planner;
}

describe('StaticPlanner', () => {
  it('deals files round-robin by count into fixed lanes', () => {
    const p = withSlots(new StaticPlanner(), 2);
    p.add(units('a', 'b', 'c', 'd', 'e'));
    expect([p.next(0, 0)?.file, p.next(0, 0)?.file, p.next(0, 0)?.file, p.next(0, 0)]).toEqual(['a', 'c', 'e', undefined]);
    expect([p.next(1, 0)?.file, p.next(1, 0)?.file, p.next(1, 0)]).toEqual(['b', 'd', undefined]);
  });

  it('never lets an idle slot take another lane’s work', () => {
    const p = withSlots(new StaticPlanner(), 2);
    p.add(units('a', 'b', 'c'));
    expect(p.next(1, 0)?.file).toBe('b');
    expect(p.next(1, 0)).toBeUndefined();
    expect(p.isFinished).toBe(false); // slot 0 still holds a and c
  });

  it('is finished only when every handed-out unit is done', () => {
    const p = withSlots(new StaticPlanner(), 1);
    p.add(units('a'));
    p.next(0, 0);
    expect(p.isFinished).toBe(false);
    p.done(0, 'a', 10);
    expect(p.isFinished).toBe(true);
  });

  it('runs requeued leftovers next on the same slot', () => {
    const p = withSlots(new StaticPlanner(), 2);
    p.add(units('a', 'b', 'c'));
    p.next(0, 0);
    p.requeue(0, [{ id: 'a+rest', file: 'a', testIds: ['a > t2'] }]);
    p.done(0, 'a', 5);
    expect(p.next(0, 5)).toEqual({ id: 'a+rest', file: 'a', testIds: ['a > t2'] });
  });

  it('returns a removed slot’s running and queued units, and deals requeues for it to others', () => {
    const p = withSlots(new StaticPlanner(), 2);
    p.add(units('a', 'b', 'c'));
    p.next(0, 0);
    expect(p.removeSlot(0).map((u) => u.file)).toEqual(['a', 'c']);
    p.requeue(0, units('x'));
    expect([p.next(1, 0)?.file, p.next(1, 0)?.file]).toEqual(['b', 'x']);
  });

  it('refuses a done() for a unit the slot was not running', () => {
    const p = withSlots(new StaticPlanner(), 1);
    p.add(units('a'));
    expect(() => p.done(0, 'a', 1)).toThrow(/not running/);
  });
});
