import type { SlotId, WorkUnit } from './planner.js';

/** Which units each slot holds right now: the bookkeeping every planner needs for done/removeSlot. */
export class Assignments {
  private readonly bySlot = new Map<SlotId, Map<string, WorkUnit>>();

  assign(slot: SlotId, unit: WorkUnit): WorkUnit {
    let units = this.bySlot.get(slot);
    if (!units) this.bySlot.set(slot, (units = new Map()));
    units.set(unit.id, unit);
    return unit;
  }

  finish(slot: SlotId, unitId: string): void {
    if (!this.bySlot.get(slot)?.delete(unitId)) {
      throw new Error(`planner: slot ${slot} finished unit ${unitId}, which it was not running`);
    }
  }

  /** removes and returns what the slot held */
  release(slot: SlotId): WorkUnit[] {
    const units = [...(this.bySlot.get(slot)?.values() ?? [])];
    this.bySlot.delete(slot);
    return units;
  }

  get size(): number {
    let n = 0;
    for (const units of this.bySlot.values()) n += units.size;
    return n;
  }
}
