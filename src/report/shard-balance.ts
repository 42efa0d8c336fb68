import type { ShardStat } from './run-report.js';
import { seconds } from './seconds.js';

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
  return { shards: shards.length, ...spreadOf(shards.map((s) => s.wallMs)) };
}

/** the largest of some times against their mean (measured shard times, or a plan's expected ones) */
export function spreadOf(times: readonly number[]): { maxMs: number; meanMs: number; spread: number } {
  const maxMs = Math.max(0, ...times);
  const meanMs = times.reduce((sum, ms) => sum + ms, 0) / Math.max(1, times.length);
  return { maxMs, meanMs, spread: meanMs > 0 ? maxMs / meanMs : 1 };
}

export function shardBalanceText(b: ShardBalance): string {
  return `${b.shards} shards: slowest ${seconds(b.maxMs)}, mean ${seconds(b.meanMs)}, spread ${b.spread.toFixed(2)} (max/mean)`;
}
