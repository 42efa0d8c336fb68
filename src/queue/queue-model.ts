import type { NotRun, RunEvent } from '../model/events.js';
import type { WorkUnit } from '../model/protocol.js';

/**
 * What a build keeps in Redis, as plain data: each job's result batches, which job's results were
 * accepted for each unit, and the units given up on. Pure: the Redis client reads it, the report is
 * built from it.
 */
export interface ResultBatch {
  /** the reserved unit these events belong to; null for the job's own (run start and end, errors outside any unit) */
  root: string | null;
  events: RunEvent[];
  /** a unit handed in as it is (its job stopped: --bail, the restart cap): its collected tests that never finished */
  notRun?: NotRun['tests'];
  /** a CI retry of the job re-ran its units after the build had finished */
  replay?: true;
}

export interface BuildMeta {
  total: number;
  planId: string;
  leader: string;
}

export interface BuildSnapshot {
  meta: BuildMeta | null;
  /** job id → its batches, in the order they were written */
  batches: Map<string, ResultBatch[]>;
  /** unit id → the job whose results count */
  done: Map<string, string>;
  /** unit id → the job whose copy lost the race to another's (a backup, or the holder a backup beat) */
  lost: Map<string, string>;
  /** unit id → the last job that died holding it (the unit was given up on) */
  dead: Map<string, string>;
  units: Map<string, WorkUnit>;
  /** units still queued, and units leased to a job */
  waiting: number;
  leased: number;
  /** jobs that have not said they finished and still heartbeat: they may hand in more */
  running: number;
  /** the job whose --bail stopped the build, if one did: what still waits will not run */
  stoppedBy: string | null;
}

/**
 * The plan is in, nothing waits (or the build was stopped), no job holds anything, and every live
 * job has handed in its last word.
 */
export function isDrained(snapshot: BuildSnapshot): boolean {
  return snapshot.meta !== null && (snapshot.waiting === 0 || snapshot.stoppedBy !== null) && snapshot.leased === 0 && snapshot.running === 0;
}

/** what a reservation says besides its units: more may come, wait (others hold the rest), drained, or stopped (a job bailed) */
export type ReserveState = 'more' | 'wait' | 'drained' | 'stopped';

/** A requeued failure's unit id: the test's id and which requeue of it this is. */
export function requeueId(testId: string, count: number): string {
  return `${testId} ~requeue${count}`;
}

export function isRequeue(unitId: string): boolean {
  return requeueCount(unitId) > 0;
}

/** which requeue of its test a unit is: 0 for a planned unit */
export function requeueCount(unitId: string): number {
  const m = / ~requeue(\d+)$/.exec(unitId);
  return m ? Number(m[1]) : 0;
}

/** a unit as messages name it: its file, and its id when that says more */
export function describeUnit(id: string, file: string | undefined): string {
  return file && file !== id ? `${file} (${id})` : id;
}

/** Asks `check` every `everyMs` until it gives a value or `timeoutMs` has passed (then `onTimeout`'s). */
export async function pollUntil<T>(check: () => Promise<T | null>, o: { everyMs: number; timeoutMs: number; onTimeout: () => T | Promise<T> }): Promise<T> {
  const deadline = Date.now() + o.timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null) return value;
    if (Date.now() > deadline) return o.onTimeout();
    await new Promise((resolve) => setTimeout(resolve, o.everyMs));
  }
}
