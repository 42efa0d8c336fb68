import { DurationPlanner } from './duration-planner.js';
import { expectedOf, sumExpected } from './lpt.js';
import type { SlotId, WorkUnit } from './planner.js';

/**
 * `--dist steal`: lanes seeded by the duration plan, then kept honest at run time. A slot whose lane
 * is empty takes work from the lane with the most expected time left (its queue plus what its
 * running unit still needs), choosing the queued unit that best halves that time: the thief starts
 * it now instead of the victim later. Units already handed to a thread are never moved.
 */
export class StealPlanner extends DurationPlanner {
  /** how many units were stolen (for tests) */
  steals = 0;

  protected override whenIdle(thief: SlotId, nowMs: number): WorkUnit | undefined {
    let victim: { lane: WorkUnit[]; left: number } | undefined;
    for (const [slot, lane] of this.lanes) {
      if (slot === thief || lane.length === 0) continue;
      const left = sumExpected(lane) + this.runningLeft(slot, nowMs);
      if (!victim || left > victim.left) victim = { lane, left };
    }
    if (!victim) return undefined;
    // The best unit to move is the one closest to half the victim's time left; ties go to the
    // tail, the work the victim would have reached last.
    let best = victim.lane.length - 1;
    for (let i = victim.lane.length - 1; i >= 0; i--) {
      if (Math.abs(expectedOf(victim.lane[i]!) - victim.left / 2) < Math.abs(expectedOf(victim.lane[best]!) - victim.left / 2)) best = i;
    }
    this.steals++;
    return victim.lane.splice(best, 1)[0];
  }

  private runningLeft(slot: SlotId, nowMs: number): number {
    return this.assigned.heldBy(slot).reduce((sum, h) => sum + Math.max(0, expectedOf(h.unit) - (nowMs - h.startMs)), 0);
  }
}
