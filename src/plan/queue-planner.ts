import { Assignments } from './assignments.js';
import type { Planner, SlotId, WorkUnit } from './planner.js';

/**
 * One queue for every slot, taken in the order given: whichever slot is idle runs the next unit.
 * For `--repeat`, whose order is a seeded shuffle that balancing would undo (a flake hunt wants
 * each copy of a file beside different neighbours, on different workers).
 */
export class QueuePlanner implements Planner {
  private readonly queue: WorkUnit[] = [];
  private readonly assigned = new Assignments();

  addSlot(_slot: SlotId): void {}

  removeSlot(slot: SlotId): WorkUnit[] {
    return this.assigned.release(slot);
  }

  add(units: readonly WorkUnit[]): void {
    this.queue.push(...units);
  }

  requeue(_slot: SlotId, units: readonly WorkUnit[]): void {
    this.queue.unshift(...units);
  }

  next(slot: SlotId, nowMs: number): WorkUnit | undefined {
    const unit = this.queue.shift();
    return unit && this.assigned.assign(slot, unit, nowMs);
  }

  done(slot: SlotId, unitId: string): void {
    this.assigned.finish(slot, unitId);
  }

  remaining(): WorkUnit[] {
    return [...this.queue];
  }

  get isFinished(): boolean {
    return this.queue.length === 0 && this.assigned.size === 0;
  }
}
