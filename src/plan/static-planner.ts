import { Assignments } from './assignments.js';
import type { Planner, SlotId, WorkUnit } from './planner.js';

/**
 * Fixed per-slot lists, files dealt round-robin by count (TestNG's baseline). Each slot only ever
 * runs its own list, so the split is known before the run and the same on every run.
 */
export class StaticPlanner implements Planner {
  private readonly lanes = new Map<SlotId, WorkUnit[]>();
  private readonly assigned = new Assignments();
  private dealt = 0;

  addSlot(slot: SlotId): void {
    if (!this.lanes.has(slot)) this.lanes.set(slot, []);
  }

  removeSlot(slot: SlotId): WorkUnit[] {
    const queued = this.lanes.get(slot) ?? [];
    this.lanes.delete(slot);
    return [...this.assigned.release(slot), ...queued];
  }

  add(units: readonly WorkUnit[]): void {
    const slots = [...this.lanes.keys()].sort((a, b) => a - b);
    if (slots.length === 0) throw new Error('static planner: add slots before units');
    for (const unit of units) this.lanes.get(slots[this.dealt++ % slots.length]!)!.push(unit);
  }

  requeue(slot: SlotId, units: readonly WorkUnit[]): void {
    const lane = this.lanes.get(slot);
    if (lane) lane.unshift(...units);
    else this.add(units); // the slot is gone: deal its leftovers to the others
  }

  next(slot: SlotId): WorkUnit | undefined {
    const unit = this.lanes.get(slot)?.shift();
    return unit && this.assigned.assign(slot, unit);
  }

  done(slot: SlotId, unitId: string): void {
    this.assigned.finish(slot, unitId);
  }

  get isFinished(): boolean {
    return this.assigned.size === 0 && [...this.lanes.values()].every((lane) => lane.length === 0);
  }
}
