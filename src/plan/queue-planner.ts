import { Assignments } from './assignments.js';
import type { Planner, SlotId, WorkUnit } from './planner.js';

/**
 * One shared FIFO: whichever slot is idle takes the next unit. Dynamic, so a slow file delays
 * only its own slot; but blind to durations, so a long file taken last still ends the run late.
 */
export class QueuePlanner implements Planner {
  private readonly queue: WorkUnit[] = [];
  private readonly assigned = new Assignments();

  addSlot(): void {}

  removeSlot(slot: SlotId): WorkUnit[] {
    return this.assigned.release(slot);
  }

  add(units: readonly WorkUnit[]): void {
    this.queue.push(...units);
  }

  requeue(_slot: SlotId, units: readonly WorkUnit[]): void {
    this.queue.unshift(...units);
  }

  next(slot: SlotId): WorkUnit | undefined {
    const unit = this.queue.shift();
    return unit && this.assigned.assign(slot, unit);
  }

  done(slot: SlotId, unitId: string): void {
    this.assigned.finish(slot, unitId);
  }

  get isFinished(): boolean {
    return this.queue.length === 0 && this.assigned.size === 0;
  }
}
