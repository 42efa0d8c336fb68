import type { Planner } from './planner.js';
import { QueuePlanner } from './queue-planner.js';
import { StaticPlanner } from './static-planner.js';

/** `--dist` name → planner (xdist's make_scheduler). */
export const DIST_MODES = ['static', 'steal'] as const;
export type DistMode = (typeof DIST_MODES)[number];

export function createPlanner(dist: DistMode): Planner {
  switch (dist) {
    case 'static':
      return new StaticPlanner();
    case 'steal':
      // Until duration history exists (the distribution issue), the dynamic mode is a shared queue
      // of files: an idle worker always takes the next file.
      return new QueuePlanner();
  }
}
