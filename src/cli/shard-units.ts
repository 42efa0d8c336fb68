import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ShardSpec } from '../config/shard-option.js';
import { UsageError } from '../config/usage-error.js';
import type { WorkUnit } from '../model/protocol.js';
import type { Estimates } from '../plan/estimates.js';
import { planShards, scaleUnknownBySize, SHARD_SPLIT_LANES } from '../plan/shards.js';
import { planUnits } from '../plan/work-units.js';
import { readPlanFile, withPlanId, type ShardPlan } from './plan-file.js';

/**
 * The whole suite's shard plan: replayed from a plan file, or computed from the files and the
 * history exactly as every other job computes it (big files split into chunks as if each shard had
 * SHARD_SPLIT_LANES workers, so the -n of each machine does not change the partition).
 */
export async function shardPlan(files: readonly string[], estimates: Estimates, o: { root: string; total: number; planFile: string | null }): Promise<ShardPlan> {
  if (o.planFile) {
    const plan = await readPlanFile(o.planFile);
    if (plan.total !== o.total) throw new UsageError(`--plan ${o.planFile} has ${plan.total} shards, but --shard asks for one of ${o.total}`);
    return plan;
  }
  const units = planUnits(files, estimates, { workers: o.total * SHARD_SPLIT_LANES });
  const unknown = files.filter((file) => !estimates.knows(file));
  const sizes = new Map(await Promise.all(unknown.map(async (file) => [file, (await stat(join(o.root, file))).size] as const)));
  return withPlanId(planShards(scaleUnknownBySize(units, sizes), o.total));
}

export function unitsOfShard(plan: ShardPlan, shard: ShardSpec): WorkUnit[] {
  return plan.shards[shard.index - 1] ?? [];
}
