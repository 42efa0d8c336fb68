import { describe, expect, it } from 'vitest';
import type { WorkUnit } from '../../../src/plan/planner.js';
import { StealPlanner } from '../../../src/plan/steal-planner.js';

const unit = (id: string, expectedMs: number): WorkUnit => ({ id, file: id, expectedMs });

function planner(slots: number, units: WorkUnit[]): StealPlanner {
  const p = new StealPlanner();
  for (let s = 0; s < slots; s++) p.addSlot(s);
  p.add(units);
  return p;
}

describe('StealPlanner', () => {
  it('starts from the duration plan: each slot first runs its own lane', () => {
    const p = planner(2, [unit('a', 8), unit('b', 6), unit('c', 2)]);
    expect(p.next(0, 0)?.id).toBe('a');
    expect(p.next(1, 0)?.id).toBe('b');
    expect(p.steals).toBe(0);
  });

  it('lets an idle slot take from the lane with the most expected time left', () => {
    // lanes: w0 [a 8, d 1], w1 [b 6, c 2]; w2 joins with nothing of its own
    const p = planner(2, [unit('a', 8), unit('b', 6), unit('c', 2), unit('d', 1)]);
    p.addSlot(2);
    p.next(0, 0); // a: w0 has 8 running + 1 queued = 9 left
    p.next(1, 0); // b: w1 has 6 running + 2 queued = 8 left
    expect(p.next(2, 0)?.id).toBe('d');
    expect(p.steals).toBe(1);
  });

  it('counts the victim’s running unit as time left, minus what it has already run', () => {
    // lanes: w0 [p 10, q1 1], w1 [r 10, q2 1]; w2 joins with nothing
    const p = planner(2, [unit('p', 10), unit('r', 10), unit('q1', 1), unit('q2', 1)]);
    p.addSlot(2);
    p.next(0, 0); // p runs from 0
    p.next(1, 8); // r runs from 8
    // at t=9, w0 has 1 + 1 left and w1 has 9 + 1. Counting running units whole (11 and 11) or not
    // at all (1 and 1) would be a tie, and the first lane, w0, would lose q1.
    expect(p.next(2, 9)?.id).toBe('q2');
  });

  it('takes the queued unit that best halves the victim’s time left, not merely the last', () => {
    const p = planner(1, [unit('long', 8), unit('s1', 1), unit('s2', 1)]);
    p.addSlot(1);
    // w0 queue [long 8, s1, s2], nothing running yet: left 10 → the unit nearest 5 is long.
    expect(p.next(1, 0)?.id).toBe('long');
  });

  it('never moves a unit already handed to a thread', () => {
    const p = planner(2, [unit('a', 10), unit('b', 1)]);
    p.next(0, 0);
    p.next(1, 0);
    p.done(1, 'b', 1);
    expect(p.next(1, 1)).toBeUndefined(); // a is running on w0 and nothing is queued
    expect(p.isFinished).toBe(false);
  });

  it('is finished when every lane is empty and nothing runs', () => {
    const p = planner(2, [unit('a', 1)]);
    const a = p.next(0, 0)!;
    expect(p.isFinished).toBe(false);
    p.done(0, a.id, 1);
    expect(p.isFinished).toBe(true);
  });
});
