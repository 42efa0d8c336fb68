import { describe, expect, it } from 'vitest';
import { dispatchOrder } from '../../../src/plan/dispatch-order.js';
import { DurationPlanner } from '../../../src/plan/duration-planner.js';
import type { WorkUnit } from '../../../src/plan/planner.js';
import { StaticPlanner } from '../../../src/plan/static-planner.js';
import { StealPlanner } from '../../../src/plan/steal-planner.js';

const unit = (file: string, expectedMs: number, id = file): WorkUnit => ({ id, file, expectedMs });

describe('dispatchOrder', () => {
  it('lists the files as the planner would start them on its estimates, not as they were discovered', () => {
    const units = [unit('d', 1), unit('c', 3), unit('b', 5), unit('a', 10)];
    // longest first over 2 slots: a and b at 0, c when b ends (5), d when c ends (8)
    expect(dispatchOrder(new StealPlanner(), units, 2)).toEqual(['a', 'b', 'c', 'd']);
    expect(dispatchOrder(new DurationPlanner(), units, 2)).toEqual(['a', 'b', 'c', 'd']);
  });

  it("follows the planner's own policy: static lanes are dealt round-robin and never rebalanced", () => {
    const units = [unit('a', 10), unit('b', 1), unit('c', 1), unit('d', 1)];
    // lanes a,c and b,d: d starts when b ends (1), c only when a does (10)
    expect(dispatchOrder(new StaticPlanner(), units, 2)).toEqual(['a', 'b', 'd', 'c']);
  });

  it('names a file split into several units once, at its first unit', () => {
    const units = [unit('big', 4, 'big#1'), unit('big', 4, 'big#2'), unit('small', 1)];
    expect(dispatchOrder(new StealPlanner(), units, 2)).toEqual(['big', 'small']);
  });

  it('leaves the units alone: the run plans them afresh', () => {
    const units = [unit('b', 5), unit('a', 10)];
    const before = structuredClone(units);
    dispatchOrder(new StealPlanner(), units, 2);
    expect(units).toEqual(before);
  });
});
