import type { WorkUnit } from './protocol.js';

/**
 * How failed tests are tried again. A worker retries a failed test in place, right after it
 * failed (as Jest's retryTimes and Vitest's retry do: cheap, the file's state is still there);
 * the coordinator retries what a worker could not (a test whose thread died, every test of a
 * failed beforeAll) in a new unit, and with `isolated` gives the last retry a fresh thread with
 * nothing else of the file before it, so a test that only passes alone is told apart.
 */
export interface RerunSettings {
  /** extra attempts after the first; 0 = none */
  count: number;
  /** pause before each retry */
  delayMs: number;
  /** the last retry runs alone in a fresh worker thread */
  isolated: boolean;
}

export const NO_RERUNS: RerunSettings = { count: 0, delayMs: 0, isolated: false };

/** The highest attempt index a worker may run in place for a test of this unit. */
export function lastInPlaceAttempt(reruns: RerunSettings, unit: Pick<WorkUnit, 'firstAttempt' | 'isolated'>): number {
  const first = unit.firstAttempt ?? 0;
  if (unit.isolated) return first;
  return Math.max(first, reruns.count - (reruns.isolated && reruns.count > 0 ? 1 : 0));
}
