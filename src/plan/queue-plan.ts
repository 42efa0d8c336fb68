import type { Estimates } from './estimates.js';
import { byRunOrder } from './lpt.js';
import type { WorkUnit } from './planner.js';
import { planUnits, type SplitOptions } from './work-units.js';

/**
 * A queue's plan cannot know how many jobs will come, nor how fast each will be: big files are
 * split as if for 16 jobs of this job's workers, so that no chunk is large against a worker's share
 * even when one of 4 jobs is slow (it draws its first units before anyone knows which is). As if
 * for 4 jobs, bench:queue's slowed job drew two chunks of 1.2-1.5 s and set the build's end; see
 * bench/QUEUE.md for 4, 8 and 16.
 */
export const QUEUE_SPLIT_JOBS = 16;

/** the units a --queue build's leader publishes, longest first, as LPT would take them */
export function queuePlan(files: readonly string[], estimates: Estimates, workersPerJob: number, keepWhole?: SplitOptions['keepWhole']): WorkUnit[] {
  return planUnits(files, estimates, { workers: workersPerJob * QUEUE_SPLIT_JOBS, ...(keepWhole ? { keepWhole } : {}) }).sort(byRunOrder);
}
