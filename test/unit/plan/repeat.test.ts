import { describe, expect, it } from 'vitest';
import type { WorkUnit } from '../../../src/model/protocol.js';
import { QueuePlanner } from '../../../src/plan/queue-planner.js';
import { repeatUnits } from '../../../src/plan/repeat-units.js';
import { simulate } from '../../../src/plan/simulate.js';

const units: WorkUnit[] = ['a', 'b', 'c'].map((file) => ({ id: file, file, expectedMs: 10 }));

describe('--repeat units', () => {
  it('has every unit once per repetition, each copy with its own id and repetition', () => {
    const repeated = repeatUnits(units, 4, 7);
    expect(repeated).toHaveLength(12);
    expect(new Set(repeated.map((u) => u.id)).size).toBe(12);
    for (const repetition of [0, 1, 2, 3]) {
      expect(repeated.filter((u) => u.repetition === repetition).map((u) => u.file).sort()).toEqual(['a', 'b', 'c']);
    }
  });

  it('shuffles by the seed: the same seed gives the same order, others another', () => {
    const order = (seed: number) => repeatUnits(units, 4, seed).map((u) => u.id).join(',');
    expect(order(7)).toBe(order(7));
    expect(new Set([1, 2, 3, 4, 5, 6].map(order)).size).toBeGreaterThan(1);
    // not simply one repetition after another
    const unshuffled = [1, 2, 3, 4].flatMap((n) => units.map((u) => `${u.id} ~${n}`)).join(',');
    expect(order(7)).not.toBe(unshuffled);
  });
});

describe('QueuePlanner', () => {
  it('hands units out in the given order to whichever slot is idle, retries first', () => {
    const planner = new QueuePlanner();
    const sim = simulate(planner, units, 2, (u) => (u.file === 'a' ? 30 : 10));
    // in order of finishing: slot 0 is busy with the long 'a' while slot 1 takes 'b', then 'c'
    expect(sim.trace.map((s) => [s.slot, s.unit.id])).toEqual([[1, 'b'], [1, 'c'], [0, 'a']]);
    const again = new QueuePlanner();
    again.add(units);
    expect(again.next(0, 0)?.id).toBe('a');
    again.requeue(0, [{ id: 'a+rest', file: 'a' }]);
    expect(again.next(1, 0)?.id).toBe('a+rest');
    expect(again.removeSlot(0).map((u) => u.id)).toEqual(['a']);
    expect(again.remaining().map((u) => u.id)).toEqual(['b', 'c']);
    expect(again.isFinished).toBe(false);
  });
});
