import type { SlotId, WorkUnit } from './planner.js';

/**
 * Which units each slot holds right now, and since when: the bookkeeping every planner needs for
 * done/removeSlot, and the work stealer for "expected time left".
 */
export interface Held {
  unit: WorkUnit;
  startMs: number;
}

export class Assignments {
  private readonly bySlot = new Map<SlotId, Map<string, Held>>();

  assign(slot: SlotId, unit: WorkUnit, startMs = 0): WorkUnit {
    let held = this.bySlot.get(slot);
    if (!held) this.bySlot.set(slot, (held = new Map()));
    held.set(unit.id, { unit, startMs });
    return unit;
  }

  finish(slot: SlotId, unitId: string): void {
    if (!this.bySlot.get(slot)?.delete(unitId)) {
      throw new Error(`planner: slot ${slot} finished unit ${unitId}, which it was not running`);
    }
  }

  /** removes and returns what the slot held */
  release(slot: SlotId): WorkUnit[] {
    const units = [...(this.bySlot.get(slot)?.values() ?? [])].map((h) => h.unit);
    this.bySlot.delete(slot);
    return units;
  }

  heldBy(slot: SlotId): readonly Held[] {
    return [...(this.bySlot.get(slot)?.values() ?? [])];
  }

  get size(): number {
    let n = 0;
    for (const held of this.bySlot.values()) n += held.size;
    return n;
  }
}
