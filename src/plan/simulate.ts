import type { Planner, SlotId, WorkUnit } from './planner.js';

/**
 * A discrete-event run of a planner with given durations: every slot asks for work when idle, each
 * unit takes `durationOf(unit)`, and time jumps from one finish to the next. Used by the planner
 * tests (makespan bounds with no sleeps) and by `ptest plan` (with the estimates as durations).
 */
export interface SimStep {
  slot: SlotId;
  unit: WorkUnit;
  startMs: number;
  endMs: number;
}

export interface SimResult {
  makespanMs: number;
  trace: SimStep[];
  busyMs: Map<SlotId, number>;
}

export function simulate(planner: Planner, units: readonly WorkUnit[], slotCount: number, durationOf: (unit: WorkUnit) => number): SimResult {
  const slots = Array.from({ length: slotCount }, (_, i) => i);
  for (const slot of slots) planner.addSlot(slot);
  planner.add(units);
  const trace: SimStep[] = [];
  const running = new Map<SlotId, SimStep>();
  let now = 0;
  const fillIdle = (): void => {
    for (const slot of slots) {
      if (running.has(slot)) continue;
      const unit = planner.next(slot, now);
      if (unit) running.set(slot, { slot, unit, startMs: now, endMs: now + durationOf(unit) });
    }
  };
  fillIdle();
  while (running.size > 0) {
    const first = [...running.values()].reduce((a, b) => (b.endMs < a.endMs || (b.endMs === a.endMs && b.slot < a.slot) ? b : a));
    now = first.endMs;
    running.delete(first.slot);
    trace.push(first);
    planner.done(first.slot, first.unit.id, first.endMs - first.startMs);
    fillIdle();
  }
  if (!planner.isFinished) throw new Error('simulate: the planner stopped handing out work before it was finished');
  const busyMs = new Map(slots.map((slot) => [slot, 0]));
  for (const step of trace) busyMs.set(step.slot, busyMs.get(step.slot)! + step.endMs - step.startMs);
  return { makespanMs: now, trace, busyMs };
}
