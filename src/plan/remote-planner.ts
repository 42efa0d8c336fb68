import { Assignments } from './assignments.js';
import type { Planner, SlotId, WorkUnit } from './planner.js';

/**
 * The planner of one job of a `--queue` build. The shared queue decides which units this job gets
 * (they are `offer`ed as the job reserves them); this planner hands them to idle slots and keeps the
 * lineage the queue needs: a reserved unit (a root) is finished only when it and everything it left
 * behind here (retries, the rest of a file after a crash) are done. Pure: whoever talks to the
 * queue asks `hunger`, `takeCompleted` and `rootOf`, and says when the queue has `drained`.
 */
export class RemotePlanner implements Planner {
  private readonly queue: WorkUnit[] = [];
  private readonly assigned = new Assignments();
  private readonly waiting = new Set<SlotId>();
  /** local unit id → the reserved unit it came from */
  private readonly rootOfUnit = new Map<string, string>();
  /** root → its local units not yet done */
  private readonly open = new Map<string, Set<string>>();
  /** roots whose last unit finished, to be confirmed by takeCompleted */
  private readonly candidates = new Set<string>();
  private readonly lastRoot = new Map<SlotId, string>();
  /** roots another job's copy finished first: what they leave behind is dropped */
  private readonly cancelled = new Set<string>();
  private isDrained = false;

  addSlot(_slot: SlotId): void {}

  removeSlot(slot: SlotId): WorkUnit[] {
    this.waiting.delete(slot);
    return this.assigned.release(slot);
  }

  /** the queue's units this job reserved */
  add(units: readonly WorkUnit[]): void {
    for (const unit of units) this.track(unit.id, unit.id);
    this.queue.push(...units);
  }

  /**
   * Retries and leftovers belong to the reserved unit the slot last ran, and run here first; units
   * already inherited (held by a crash search, released to any slot) keep their own lineage.
   */
  requeue(slot: SlotId, units: readonly WorkUnit[]): void {
    const kept = units.filter((unit) => {
      const root = this.rootOfUnit.get(unit.id) ?? this.lastRoot.get(slot);
      if (root !== undefined && this.cancelled.has(root)) return false;
      if (root !== undefined) this.track(unit.id, root);
      return true;
    });
    this.queue.unshift(...kept);
  }

  inherit(parentId: string, units: readonly WorkUnit[]): void {
    const root = this.rootOfUnit.get(parentId);
    if (root !== undefined) for (const unit of units) this.track(unit.id, root);
  }

  adopt(slot: SlotId, unit: WorkUnit, nowMs: number): void {
    const root = this.rootOfUnit.get(unit.id);
    if (root !== undefined) this.lastRoot.set(slot, root);
    this.assigned.assign(slot, unit, nowMs);
  }

  next(slot: SlotId, nowMs: number): WorkUnit | undefined {
    const unit = this.queue.shift();
    if (!unit) {
      this.waiting.add(slot);
      return undefined;
    }
    this.waiting.delete(slot);
    const root = this.rootOfUnit.get(unit.id);
    if (root !== undefined) this.lastRoot.set(slot, root);
    return this.assigned.assign(slot, unit, nowMs);
  }

  done(slot: SlotId, unitId: string): void {
    this.assigned.finish(slot, unitId);
    const root = this.rootOfUnit.get(unitId);
    if (root === undefined) return;
    // a unit id can come back under another root (a test's retry `#1` in a requeued unit)
    this.rootOfUnit.delete(unitId);
    this.open.get(root)?.delete(unitId);
    this.candidates.add(root);
  }

  remaining(): WorkUnit[] {
    return [...this.queue];
  }

  get isFinished(): boolean {
    return this.isDrained && this.queue.length === 0 && this.assigned.size === 0;
  }

  /** how many more units this job could start now: its idle slots, less what is queued here */
  get hunger(): number {
    return Math.max(0, this.waiting.size - this.queue.length);
  }

  /** The queue has nothing more for this job: finish what is here, then stop. */
  drained(): void {
    this.isDrained = true;
  }

  /**
   * Reserved units now wholly done here. Called after the dispatcher's synchronous turn, so a
   * retry or leftover queued right after its unit finished keeps the root open.
   */
  takeCompleted(): string[] {
    const complete = [...this.candidates].filter((root) => this.open.get(root)?.size === 0);
    this.candidates.clear();
    for (const root of complete) this.open.delete(root);
    return complete;
  }

  /**
   * Another job's copy of reserved unit `root` was handed in first: its units queued here are
   * dropped, and those running are returned, to be stopped. Its retries and leftovers are dropped
   * too, and it is never completed.
   */
  cancel(root: string): string[] {
    const open = this.open.get(root) ?? new Set<string>();
    const queued = new Set(this.queue.filter((unit) => open.has(unit.id)).map((unit) => unit.id));
    this.queue.splice(0, this.queue.length, ...this.queue.filter((unit) => !queued.has(unit.id)));
    for (const id of open) this.rootOfUnit.delete(id);
    this.open.delete(root);
    this.candidates.delete(root);
    this.cancelled.add(root);
    return [...open].filter((id) => !queued.has(id));
  }

  /** the reserved unit the slot is working for, to tag its events */
  rootOf(slot: SlotId): string | undefined {
    return this.lastRoot.get(slot);
  }

  private track(unitId: string, root: string): void {
    this.rootOfUnit.set(unitId, root);
    let open = this.open.get(root);
    if (!open) this.open.set(root, (open = new Set()));
    open.add(unitId);
  }
}
