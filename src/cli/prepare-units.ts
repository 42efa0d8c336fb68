import { randomInt } from 'node:crypto';
import type { Options } from '../config/options.js';
import { findFiles } from '../discover/find-files.js';
import { emptyHistory, type History } from '../history/history-model.js';
import { loadHistory } from '../history/history-store.js';
import type { Repeat } from '../model/events.js';
import type { WorkUnit } from '../model/protocol.js';
import { createPlanner } from '../plan/create-planner.js';
import { Estimates } from '../plan/estimates.js';
import type { Planner } from '../plan/planner.js';
import { QueuePlanner } from '../plan/queue-planner.js';
import { repeatUnits } from '../plan/repeat-units.js';
import { planUnits } from '../plan/work-units.js';

/**
 * Discover, estimate and choose the planner: the part `ptest` and `ptest plan` share. Only the work
 * stealer splits big files, since only it can move chunks between workers as the run goes.
 * `--repeat` runs whole files in a seeded shuffle from one queue instead (balancing would sort the
 * shuffle away).
 */
export interface PreparedRun {
  files: string[];
  /** as loaded before the run (empty with --no-history) */
  history: History;
  units: WorkUnit[];
  workerCount: number;
  planner: Planner;
  repeat: Repeat | null;
}

export async function prepareUnits(options: Options, cwd: string, warn: (line: string) => void): Promise<PreparedRun> {
  const files = await findFiles({ ...options, cwd });
  const history = options.history ? await loadHistory(options.history, warn) : emptyHistory();
  const estimates = new Estimates(history);
  const repeat = options.repeat > 1 ? { count: options.repeat, seed: options.seed ?? randomInt(2 ** 31) } : null;
  const split = options.dist === 'steal' && !repeat ? { workers: options.workers } : undefined;
  const planned = planUnits(files, estimates, split);
  const units = repeat ? repeatUnits(planned, repeat.count, repeat.seed) : planned;
  const planner = repeat ? new QueuePlanner() : createPlanner(options.dist);
  return { files, history, units, workerCount: Math.max(1, Math.min(options.workers, units.length)), planner, repeat };
}

/** The one line for exit 5: what was searched, so a mistyped glob or include is easy to spot. */
export function noTestFiles(options: Options): string {
  const include = `include: ${options.include.join(', ')}`;
  return options.paths.length > 0
    ? `ptest: no test files match ${options.paths.join(' ')} (${include})`
    : `ptest: no test files found under ${options.root} (${include})`;
}
