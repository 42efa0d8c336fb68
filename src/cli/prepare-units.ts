import { randomInt } from 'node:crypto';
import type { Options } from '../config/options.js';
import { findFiles } from '../discover/find-files.js';
import { emptyHistory, type History } from '../history/history-model.js';
import { loadHistory } from '../history/history-store.js';
import type { Repeat, RunShard } from '../model/events.js';
import { lastFailedUnits } from '../plan/last-failed.js';
import { shardPlan, unitsOfShard } from './shard-units.js';
import type { WorkUnit } from '../model/protocol.js';
import { createPlanner } from '../plan/create-planner.js';
import { Estimates } from '../plan/estimates.js';
import type { Planner } from '../plan/planner.js';
import { QueuePlanner } from '../plan/queue-planner.js';
import { repeatUnits } from '../plan/repeat-units.js';
import { planUnits } from '../plan/work-units.js';
import { queuePlan } from '../plan/queue-plan.js';
import { mustRunWhole } from '../discover/whole-files.js';

/**
 * Discover, estimate, select and choose the planner: the part `ptest` and `ptest plan` share.
 * `--repeat` runs whole files in a seeded shuffle from one queue (balancing would sort the shuffle
 * away).
 */
export interface PreparedRun {
  files: string[];
  /** as loaded before the run (empty with --no-history) */
  history: History;
  units: WorkUnit[];
  workerCount: number;
  planner: Planner;
  repeat: Repeat | null;
  /** the shard this run is, and the id of the partition it came from */
  shard: RunShard | null;
  /** another planner like `planner`, to run ahead on the estimates (plan/dispatch-order.ts) */
  freshPlanner: () => Planner;
}

export async function prepareUnits(options: Options, cwd: string, warn: (line: string) => void): Promise<PreparedRun> {
  const files = await findFiles({ ...options, cwd });
  const history = options.history ? await loadHistory(options.history, warn) : emptyHistory();
  const estimates = new Estimates(history);
  const repeat = options.repeat > 1 ? { count: options.repeat, seed: options.seed ?? randomInt(2 ** 31) } : null;
  const { units: planned, shard } = await selectUnits(files, history, estimates, options, warn);
  const units = repeat ? repeatUnits(planned, repeat.count, repeat.seed) : planned;
  const freshPlanner = (): Planner => (repeat ? new QueuePlanner() : createPlanner(options.dist));
  return { files, history, units, workerCount: Math.max(1, Math.min(options.workers, units.length)), planner: freshPlanner(), freshPlanner, repeat, shard };
}

/** which units this run has: the last run's failures (--last-failed), this shard's, or every file */
async function selectUnits(files: string[], history: History, estimates: Estimates, options: Options, warn: (line: string) => void): Promise<{ units: WorkUnit[]; shard: RunShard | null }> {
  const { shard } = options;
  // Whether anything failed is decided over every shard, so all shards of a rerun agree: a shard
  // with no failures of its own then runs nothing, rather than its whole share of the suite.
  const anyFailed = options.lastFailed ? lastFailedUnits(history, files, null) : [];
  if (anyFailed.length > 0) {
    return { units: shard ? lastFailedUnits(history, files, shard) : anyFailed, shard: shard && { ...shard, planId: 'last-failed' } };
  }
  if (options.lastFailed) warn(`ptest: --last-failed: no test failed in the last run (by the history ${options.history ?? 'that --no-history leaves out'}): running ${shard ? 'the shard' : 'everything'}`);
  const keepWhole = (file: string): boolean => mustRunWhole(options.root, file);
  if (options.queue) {
    // Only the leader's plan is published (queue-plan.ts: how it is split and ordered)
    return { units: queuePlan(files, estimates, options.workers, keepWhole), shard: null };
  }
  if (shard) {
    const plan = await shardPlan(files, estimates, { root: options.root, total: shard.total, planFile: options.planFile, warn });
    return { units: unitsOfShard(plan, shard), shard: { ...shard, planId: plan.planId } };
  }
  // Only the work stealer can move chunks of a split file between workers as the run goes; under
  // -u a file stays whole, since two chunks rewriting one .snap file at once would lose writes.
  const split = options.dist === 'steal' && options.repeat === 1 && options.compat.snapshot.update !== 'all' ? { workers: options.workers, keepWhole } : undefined;
  return { units: planUnits(files, estimates, split), shard: null };
}

/** The one line for exit 5: what was searched, so a mistyped glob or include is easy to spot. */
export function noTestFiles(options: Options): string {
  // a suite that ships its tests compiled into dist/ matches the include and still finds nothing
  const include = `include: ${options.include.join(', ')}; never searched: node_modules, .git${options.excludeDist ? ', dist' : ''}`;
  return options.paths.length > 0
    ? `ptest: no test files match ${options.paths.join(' ')} (${include})`
    : `ptest: no test files found under ${options.root} (${include})`;
}
