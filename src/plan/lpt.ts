import type { SlotId, WorkUnit } from './planner.js';

/**
 * Longest processing time first: each unit, longest first, goes to the lane with the least expected
 * work so far. Then each lane runs its units failed-last-run first, slowest first. Ties are broken
 * by unit id, so the same inputs always give the same lanes.
 */
export function dealLongestFirst(units: readonly WorkUnit[], lanes: Map<SlotId, WorkUnit[]>, slots: readonly SlotId[]): void {
  const load = new Map(slots.map((slot) => [slot, sumExpected(lanes.get(slot) ?? [])]));
  for (const unit of [...units].sort(byLongest)) {
    let best = slots[0]!;
    for (const slot of slots) if (lighter(slot, best)) best = slot;
    lanes.get(best)!.push(unit);
    load.set(best, load.get(best)! + expectedOf(unit));
  }
  for (const slot of slots) lanes.get(slot)!.sort(byRunOrder);

  // Equal expected load (say, no history yet): the lane with fewer units, so unknown files spread.
  function lighter(a: SlotId, b: SlotId): boolean {
    const la = load.get(a)!;
    const lb = load.get(b)!;
    return la < lb || (la === lb && lanes.get(a)!.length < lanes.get(b)!.length);
  }
}

export function expectedOf(unit: WorkUnit): number {
  return unit.expectedMs ?? 0;
}

export function sumExpected(units: readonly WorkUnit[]): number {
  return units.reduce((sum, u) => sum + expectedOf(u), 0);
}

function byLongest(a: WorkUnit, b: WorkUnit): number {
  return expectedOf(b) - expectedOf(a) || a.id.localeCompare(b.id);
}

/** failed last run first (a failing suite fails fast), then slowest first */
export function byRunOrder(a: WorkUnit, b: WorkUnit): number {
  return (b.priority ?? 0) - (a.priority ?? 0) || byLongest(a, b);
}
