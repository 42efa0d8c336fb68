import { expectedOf } from './lpt.js';
import type { WorkUnit } from './planner.js';

/**
 * `--shard i/n`: the same partition on every CI job from the same inputs, with no coordination.
 * Units (files, and chunks of big files) go longest first to the shard with the least expected
 * work. Every tie is broken by comparing ids code point by code point, never by locale, so two
 * machines with different languages still agree.
 */
/** big files are split as if each shard had this many workers, whatever -n each job has */
export const SHARD_SPLIT_LANES = 4;

export interface ShardPartition {
  total: number;
  /** shards[i - 1] is shard i's units */
  shards: WorkUnit[][];
}

export function planShards(units: readonly WorkUnit[], total: number): ShardPartition {
  const shards: WorkUnit[][] = Array.from({ length: total }, () => []);
  const load = new Array<number>(total).fill(0);
  for (const unit of [...units].sort((a, b) => expectedOf(b) - expectedOf(a) || compareIds(a.id, b.id))) {
    let best = 0;
    for (let s = 1; s < total; s++) {
      if (load[s]! < load[best]! || (load[s] === load[best] && shards[s]!.length < shards[best]!.length)) best = s;
    }
    shards[best]!.push(unit);
    load[best]! += expectedOf(unit);
  }
  return { total, shards };
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A file with no history is estimated as a typical file, scaled by its size (in lines) against the
 * median size of such files (a file twice as long likely has twice the tests), within 4x either way.
 */
export function scaleUnknownBySize(units: readonly WorkUnit[], sizes: ReadonlyMap<string, number>): WorkUnit[] {
  const unknownSizes = [...sizes.values()].sort((a, b) => a - b);
  const median = unknownSizes[unknownSizes.length >> 1];
  if (!median) return [...units];
  return units.map((unit) => {
    const size = sizes.get(unit.file);
    if (size === undefined || unit.testIds || unit.excludeTestIds) return unit;
    const factor = Math.min(4, Math.max(0.25, size / median));
    return { ...unit, expectedMs: expectedOf(unit) * factor };
  });
}
