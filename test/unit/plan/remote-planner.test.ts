import { describe, expect, it } from 'vitest';
import type { WorkUnit } from '../../../src/model/protocol.js';
import { RemotePlanner } from '../../../src/plan/remote-planner.js';

const unit = (id: string): WorkUnit => ({ id, file: id.split('#')[0]! });

describe('RemotePlanner: one job of a --queue build', () => {
  it('is hungry for as many units as it has idle slots, less what it already holds', () => {
    const planner = new RemotePlanner();
    for (const slot of [0, 1, 2]) planner.addSlot(slot);
    expect(planner.hunger).toBe(0);
    for (const slot of [0, 1, 2]) expect(planner.next(slot, 0)).toBeUndefined();
    expect(planner.hunger).toBe(3);
    planner.add([unit('a'), unit('b')]);
    expect(planner.hunger).toBe(1);
    expect(planner.next(0, 0)?.id).toBe('a');
    expect(planner.hunger).toBe(1);
  });

  it('is not finished while the queue may still send units, however idle it is', () => {
    const planner = new RemotePlanner();
    planner.addSlot(0);
    expect(planner.next(0, 0)).toBeUndefined();
    expect(planner.isFinished).toBe(false);
    planner.drained();
    expect(planner.isFinished).toBe(true);
  });

  it('completes a reserved unit once it and its retries and leftovers are all done', () => {
    const planner = new RemotePlanner();
    planner.addSlot(0);
    planner.add([unit('a.test.ts')]);
    planner.next(0, 0);
    // as the dispatcher does: a retry is queued before the unit is done, its leftovers after
    planner.requeue(0, [{ id: 'a.test.ts > t #1', file: 'a.test.ts', testIds: ['a.test.ts > t'] }]);
    planner.done(0, 'a.test.ts');
    planner.requeue(0, [{ id: 'a.test.ts+rest', file: 'a.test.ts' }]);
    expect(planner.takeCompleted()).toEqual([]);
    expect(planner.next(0, 1)?.id).toBe('a.test.ts+rest');
    expect(planner.rootOf(0)).toBe('a.test.ts');
    planner.done(0, 'a.test.ts+rest');
    expect(planner.takeCompleted()).toEqual([]);
    planner.next(0, 2);
    planner.done(0, 'a.test.ts > t #1');
    expect(planner.takeCompleted()).toEqual(['a.test.ts']);
    expect(planner.takeCompleted()).toEqual([]);
  });

  it('keeps the roots of units on different slots apart', () => {
    const planner = new RemotePlanner();
    for (const slot of [0, 1]) planner.addSlot(slot);
    planner.add([unit('a'), unit('b')]);
    planner.next(0, 0);
    planner.next(1, 0);
    expect([planner.rootOf(0), planner.rootOf(1)]).toEqual(['a', 'b']);
    planner.done(1, 'b');
    expect(planner.takeCompleted()).toEqual(['b']);
    planner.done(0, 'a');
    expect(planner.takeCompleted()).toEqual(['a']);
  });
});
