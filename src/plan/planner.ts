import type { WorkUnit } from '../model/protocol.js';

/**
 * The distribution policy seam (pytest-xdist's schedulers, pull-based to fit a pool). A planner is
 * a pure object: the dispatcher feeds it events (a slot exists, a slot asks for work, a unit is done,
 * a slot is gone) and it returns decisions. No I/O and no clock of its own: the time is passed in,
 * so tests script the events by hand and simulate durations.
 */
export type SlotId = number;
export type { WorkUnit };

export interface Planner {
  /** a worker slot exists and will ask for work */
  addSlot(slot: SlotId): void;
  /** the slot is gone for good; returns its unfinished units so the dispatcher can decide their fate */
  removeSlot(slot: SlotId): WorkUnit[];
  /** the run's units (or more of them) */
  add(units: readonly WorkUnit[]): void;
  /** units the slot started but could not finish (its thread died): they run before anything else */
  requeue(slot: SlotId, units: readonly WorkUnit[]): void;
  /** the slot is idle at `nowMs` (ms since the run started): its next unit, or undefined for now */
  next(slot: SlotId, nowMs: number): WorkUnit | undefined;
  /** the unit handed to this slot has finished (passed or not) after `durationMs` */
  done(slot: SlotId, unitId: string, durationMs: number): void;
  /** the queued units no slot has taken yet (what a run stopped early leaves undone) */
  remaining(): WorkUnit[];
  /** nothing is queued and nothing handed out is unfinished */
  readonly isFinished: boolean;
  /**
   * For planners that answer per planned unit (the queue's): `units` carry on the work of unit
   * `parentId` outside requeue (a shared crash's suspect and its held tests), so they count as its.
   */
  inherit?(parentId: string, units: readonly WorkUnit[]): void;
  /** With `inherit`: the dispatcher runs a crash suspect on the slot outside next(); done() follows. */
  adopt?(slot: SlotId, unit: WorkUnit, nowMs: number): void;
}
