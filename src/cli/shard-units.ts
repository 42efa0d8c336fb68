import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ShardSpec } from '../config/shard-option.js';
import { UsageError } from '../config/usage-error.js';
import type { WorkUnit } from '../model/protocol.js';
import type { Estimates } from '../plan/estimates.js';
import { planShards, scaleUnknownBySize, SHARD_SPLIT_LANES } from '../plan/shards.js';
import { planUnits } from '../plan/work-units.js';
import { mustRunWhole } from '../discover/whole-files.js';
import { readPlanFile, withPlanId, type ShardPlan } from './plan-file.js';

/**
 * The whole suite's shard plan: replayed from a plan file, or computed from the files and the
 * history exactly as every other job computes it (big files split into chunks as if each shard had
 * SHARD_SPLIT_LANES workers, so the -n of each machine does not change the partition).
 */
export async function shardPlan(files: readonly string[], estimates: Estimates, o: { root: string; total: number; planFile: string | null; warn: (line: string) => void }): Promise<ShardPlan> {
  if (o.planFile) {
    const plan = await readPlanFile(o.planFile);
    if (plan.total !== o.total) throw new UsageError(`--plan ${o.planFile} has ${plan.total} shards, but --shard asks for one of ${o.total}`);
    return fitToFiles(plan, files, o);
  }
  const units = planUnits(files, estimates, { workers: o.total * SHARD_SPLIT_LANES, keepWhole: (file) => mustRunWhole(o.root, file) });
  const unknown = files.filter((file) => !estimates.knows(file));
  // lines, not bytes: a CRLF checkout on one job must plan as an LF checkout on another
  const sizes = new Map(await Promise.all(unknown.map(async (file) => [file, lineCount(await readFile(join(o.root, file), 'utf8'))] as const)));
  return withPlanId(planShards(scaleUnknownBySize(units, sizes), o.total));
}

/**
 * A plan replayed against the files as they are: files it names that this run does not have are
 * dropped (a positional path chose fewer; a deleted file is said), and files it does not name are
 * dealt to shards by the same rule on every job, so a test file added since is never left out.
 * The plan id stays the plan's: every shard makes the same adjustment.
 */
function fitToFiles(plan: ShardPlan, files: readonly string[], o: { root: string; planFile: string | null; warn: (line: string) => void }): ShardPlan {
  const present = new Set(files);
  const planned = new Set(plan.shards.flat().map((u) => u.file));
  const gone = [...planned].filter((file) => !present.has(file) && !existsSync(join(o.root, file)));
  if (gone.length > 0) o.warn(`ptest: --plan ${o.planFile}: ${gone.length} planned file(s) no longer exist and are skipped: ${gone.join(', ')}`);
  const added = files.filter((file) => !planned.has(file));
  if (added.length > 0) o.warn(`ptest: --plan ${o.planFile}: ${added.length} test file(s) are not in the plan and are dealt to shards by name: ${added.join(', ')}`);
  const extra = planShards(added.map((file) => ({ id: file, file })), plan.total).shards;
  return { ...plan, shards: plan.shards.map((units, i) => [...units.filter((u) => present.has(u.file)), ...extra[i]!]) };
}

export function unitsOfShard(plan: ShardPlan, shard: ShardSpec): WorkUnit[] {
  return plan.shards[shard.index - 1] ?? [];
}

function lineCount(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}
