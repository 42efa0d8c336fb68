import { LanePlanner } from './lane-planner.js';
import { dealLongestFirst } from './lpt.js';
import type { SlotId, WorkUnit } from './planner.js';

/**
 * `--dist duration`: fixed lanes balanced on history estimates (longest first). As predictable as
 * static, and balanced as far as the history is right; nothing moves once the run starts.
 */
export class DurationPlanner extends LanePlanner {
  protected deal(units: readonly WorkUnit[], slots: readonly SlotId[]): void {
    dealLongestFirst(units, this.lanes, slots);
  }
}
