import type { ShardStat } from './run-report.js';

/**
 * How evenly a sharded run's CI jobs finished: the slowest shard's wall time against the mean
 * (1 is perfect balance). Every report format prints it the same way.
 */
export interface ShardBalance {
  shards: number;
  maxMs: number;
  meanMs: number;
  spread: number;
}

export function shardBalance(shards: readonly ShardStat[] | null): ShardBalance | null {
  if (!shards || shards.length === 0) return null;
  const maxMs = Math.max(...shards.map((s) => s.wallMs));
  const meanMs = shards.reduce((sum, s) => sum + s.wallMs, 0) / shards.length;
  return { shards: shards.length, maxMs, meanMs, spread: meanMs > 0 ? maxMs / meanMs : 1 };
}

export function shardBalanceText(b: ShardBalance): string {
  return `${b.shards} shards: slowest ${(b.maxMs / 1000).toFixed(2)} s, mean ${(b.meanMs / 1000).toFixed(2)} s, spread ${b.spread.toFixed(2)} (max/mean)`;
}
