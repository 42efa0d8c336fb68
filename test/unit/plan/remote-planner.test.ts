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

  it("keeps a shared crash's suspect and held tests in the crashed unit's root, whichever slot runs them", () => {
    const planner = new RemotePlanner();
    for (const slot of [0, 1]) planner.addSlot(slot);
    planner.add([unit('a'), unit('b')]);
    planner.next(0, 0);
    planner.next(1, 0);
    // as the dispatcher does when the host process dies under both: a's suspect and rest inherit a's root
    planner.inherit('a', [unit('a+suspect'), unit('a+rest')]);
    planner.done(0, 'a');
    planner.done(1, 'b');
    expect(planner.takeCompleted()).toEqual(['b']);
    // the suspect runs on slot 1 (last busy for b); its events belong to a
    planner.adopt(1, unit('a+suspect'), 1);
    expect(planner.rootOf(1)).toBe('a');
    planner.done(1, 'a+suspect');
    expect(planner.takeCompleted()).toEqual([]);
    // the held rest is released on slot 0 after slot 0 moved on to c: it stays a's
    planner.add([unit('c')]);
    planner.next(0, 2);
    planner.requeue(0, [unit('a+rest')]);
    expect(planner.next(1, 2)?.id).toBe('a+rest');
    expect(planner.rootOf(1)).toBe('a');
    planner.done(1, 'a+rest');
    expect(planner.takeCompleted()).toEqual(['a']);
  });

  it('lets a unit id come back under another root once it is done (the same retry id in a requeued unit)', () => {
    const planner = new RemotePlanner();
    planner.addSlot(0);
    planner.add([unit('a')]);
    planner.next(0, 0);
    planner.requeue(0, [unit('a > t #1')]);
    planner.done(0, 'a');
    planner.next(0, 1);
    planner.done(0, 'a > t #1');
    expect(planner.takeCompleted()).toEqual(['a']);
    planner.add([unit('a > t ~requeue1')]);
    planner.next(0, 2);
    planner.requeue(0, [unit('a > t #1')]);
    planner.done(0, 'a > t ~requeue1');
    expect(planner.takeCompleted()).toEqual([]);
    planner.next(0, 3);
    planner.done(0, 'a > t #1');
    expect(planner.takeCompleted()).toEqual(['a > t ~requeue1']);
  });

  it("cancel: another job's copy came first, so the root's running units are returned to stop, its queued ones dropped, and it never completes", () => {
    const planner = new RemotePlanner();
    for (const slot of [0, 1]) planner.addSlot(slot);
    planner.add([unit('a'), unit('b')]);
    planner.next(0, 0);
    planner.next(1, 0);
    // a retry of a's test waits in the queue
    planner.requeue(0, [{ id: 'a > t #1', file: 'a', testIds: ['a > t'] }]);
    expect(planner.cancel('a')).toEqual(['a']);
    expect(planner.remaining()).toEqual([]);
    // what the stopped unit leaves behind is dropped too
    planner.requeue(0, [{ id: 'a+rest', file: 'a' }]);
    expect(planner.remaining()).toEqual([]);
    planner.done(0, 'a');
    planner.done(1, 'b');
    expect(planner.takeCompleted()).toEqual(['b']);
    expect(planner.cancel('a')).toEqual([]);
  });
});
