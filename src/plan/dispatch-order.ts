import { expectedOf } from './lpt.js';
import type { Planner, WorkUnit } from './planner.js';
import { simulate } from './simulate.js';

/**
 * The files in the order the workers are expected to start them: a fresh planner of the run's kind,
 * run on its own estimates. The coordinator bundles files in this order on an empty cache, so the
 * bundle a worker asks for next is the one being built, not one the planner hands out last (the
 * discovery order put Tiptap's slowest files, which run first, in the last builds).
 */
export function dispatchOrder(fresh: Planner, units: readonly WorkUnit[], slotCount: number): string[] {
  const { trace } = simulate(fresh, units, slotCount, expectedOf);
  const started = [...trace].sort((a, b) => a.startMs - b.startMs || a.slot - b.slot);
  return [...new Set(started.map((step) => step.unit.file))];
}
