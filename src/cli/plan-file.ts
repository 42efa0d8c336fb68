import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { UsageError } from '../config/usage-error.js';
import { writeAtomic } from '../io/atomic-write.js';
import type { WorkUnit } from '../model/protocol.js';
import type { ShardPartition } from '../plan/shards.js';

/**
 * A shard plan on disk (`ptest plan --shards n --out plan.json`, replayed with `--plan`): written
 * once in a setup job, so a CI job retried later gets exactly the tests it had the first time.
 * Its id is recomputed on reading: an edited plan is a different plan.
 */
export const PLAN_SCHEMA = 'ptest-plan/1';

/**
 * A partition with its id: a hash of the whole partition. Shards that computed different
 * partitions (from a different history, say) report different ids, and merging their reports says so.
 */
export interface ShardPlan extends ShardPartition {
  planId: string;
}

export function withPlanId(partition: ShardPartition): ShardPlan {
  return { ...partition, planId: planIdOf(partition.shards) };
}

function planIdOf(shards: readonly (readonly WorkUnit[])[]): string {
  const canonical = shards.map((units) => units.map((u) => [u.id, u.file, u.testIds ?? null, u.excludeTestIds ?? null]));
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 12);
}

export async function writePlanFile(path: string, plan: ShardPlan): Promise<void> {
  await writeAtomic(path, `${JSON.stringify({ schema: PLAN_SCHEMA, planId: plan.planId, total: plan.total, shards: plan.shards }, null, 2)}\n`);
}

export async function readPlanFile(path: string): Promise<ShardPlan> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--plan ${path}: not a readable JSON file (${(error as Error).message})`);
  }
  const p = parsed as Partial<ShardPartition> & { schema?: unknown };
  const shardsOk = Array.isArray(p.shards) && p.shards.every((units) => Array.isArray(units) && units.every((u) => typeof u?.id === 'string' && typeof u?.file === 'string'));
  if (p.schema !== PLAN_SCHEMA || !shardsOk || p.total !== p.shards!.length) {
    throw new UsageError(`--plan ${path}: not a ${PLAN_SCHEMA} plan (write one with: ptest plan --shards <n> --out ${path})`);
  }
  return withPlanId({ total: p.total!, shards: p.shards! });
}
