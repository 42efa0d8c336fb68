import { Assignments } from './assignments.js';
import type { Planner, SlotId, WorkUnit } from './planner.js';

/**
 * Planners that give every slot its own queue (a lane) and deal units into lanes up front. The
 * subclasses differ only in how they deal (and the work stealer in what an idle slot may take).
 */
export abstract class LanePlanner implements Planner {
  protected readonly lanes = new Map<SlotId, WorkUnit[]>();
  protected readonly assigned = new Assignments();

  /** Puts `units` into the lanes of `slots` (sorted ascending, never empty). */
  protected abstract deal(units: readonly WorkUnit[], slots: readonly SlotId[]): void;

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
    if (slots.length === 0) throw new Error('planner: add slots before units');
    this.deal(units, slots);
  }

  requeue(slot: SlotId, units: readonly WorkUnit[]): void {
    const lane = this.lanes.get(slot);
    if (lane) lane.unshift(...units);
    else this.add(units); // the slot is gone: deal its leftovers to the others
  }

  next(slot: SlotId, nowMs: number): WorkUnit | undefined {
    const unit = this.lanes.get(slot)?.shift() ?? this.whenIdle(slot, nowMs);
    return unit && this.assigned.assign(slot, unit, nowMs);
  }

  done(slot: SlotId, unitId: string, _durationMs?: number): void {
    this.assigned.finish(slot, unitId);
  }

  remaining(): WorkUnit[] {
    return [...this.lanes.values()].flat();
  }

  get isFinished(): boolean {
    return this.assigned.size === 0 && [...this.lanes.values()].every((lane) => lane.length === 0);
  }

  /** What a slot whose lane is empty may run instead; fixed-lane planners: nothing. */
  protected whenIdle(_slot: SlotId, _nowMs: number): WorkUnit | undefined {
    return undefined;
  }

  /** a copy of the lanes as they stand (for `ptest plan` and tests) */
  snapshot(): Map<SlotId, WorkUnit[]> {
    return new Map([...this.lanes].map(([slot, lane]) => [slot, [...lane]]));
  }
}
