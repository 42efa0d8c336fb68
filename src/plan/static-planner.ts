import { LanePlanner } from './lane-planner.js';
import type { SlotId, WorkUnit } from './planner.js';

/**
 * `--dist static`: files dealt round-robin by count into fixed lanes (TestNG's baseline). The split
 * ignores durations, so it is the same on every run and every machine.
 */
export class StaticPlanner extends LanePlanner {
  private dealt = 0;

  protected deal(units: readonly WorkUnit[], slots: readonly SlotId[]): void {
    for (const unit of units) this.lanes.get(slots[this.dealt++ % slots.length]!)!.push(unit);
  }
}
