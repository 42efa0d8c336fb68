import { DurationPlanner } from './duration-planner.js';
import type { Planner } from './planner.js';
import { StaticPlanner } from './static-planner.js';
import { StealPlanner } from './steal-planner.js';

/** `--dist` name → planner (xdist's make_scheduler). */
export const DIST_MODES = ['static', 'duration', 'steal'] as const;
export type DistMode = (typeof DIST_MODES)[number];

export function createPlanner(dist: DistMode): Planner {
  switch (dist) {
    case 'static':
      return new StaticPlanner();
    case 'duration':
      return new DurationPlanner();
    case 'steal':
      return new StealPlanner();
  }
}
