import type { Options } from '../config/options.js';
import { findFiles } from '../discover/find-files.js';
import { emptyHistory, type History } from '../history/history-model.js';
import { loadHistory } from '../history/history-store.js';
import type { WorkUnit } from '../model/protocol.js';
import { Estimates } from '../plan/estimates.js';
import { planUnits } from '../plan/work-units.js';

/**
 * Discover and estimate: the part `ptest` and `ptest plan` share. Only the work stealer splits big
 * files, since only it can move chunks between workers as the run goes.
 */
export interface PreparedRun {
  files: string[];
  /** as loaded before the run (empty with --no-history) */
  history: History;
  units: WorkUnit[];
  workerCount: number;
}

export async function prepareUnits(options: Options, cwd: string, warn: (line: string) => void): Promise<PreparedRun> {
  const files = await findFiles({ ...options, cwd });
  const history = options.history ? await loadHistory(options.history, warn) : emptyHistory();
  const estimates = new Estimates(history);
  const units = planUnits(files, estimates, options.dist === 'steal' ? { workers: options.workers } : undefined);
  return { files, history, units, workerCount: Math.max(1, Math.min(options.workers, units.length)) };
}

/** The one line for exit 5: what was searched, so a mistyped glob or include is easy to spot. */
export function noTestFiles(options: Options): string {
  const include = `include: ${options.include.join(', ')}`;
  return options.paths.length > 0
    ? `ptest: no test files match ${options.paths.join(' ')} (${include})`
    : `ptest: no test files found under ${options.root} (${include})`;
}
