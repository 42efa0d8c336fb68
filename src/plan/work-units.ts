import type { Estimates } from './estimates.js';
import type { WorkUnit } from './planner.js';

/**
 * Files → work units with estimates. A file is one unit, unless splitting is asked for and the file
 * alone would take longer than its fair share of the run: then it becomes chunks of consecutive
 * tests (known from the history), each run by whichever worker gets it, with the file's
 * beforeAll/afterAll. The last chunk takes "every test but the others'", so tests added since the
 * history was written still run, exactly once.
 */
export interface SplitOptions {
  workers: number;
  /** files never split, whatever their size (those with a serial block: its tests stay on one worker) */
  keepWhole?: (file: string) => boolean;
}

export function planUnits(files: readonly string[], estimates: Estimates, split?: SplitOptions): WorkUnit[] {
  const units = files.map((file) => wholeFile(file, estimates));
  if (!split || split.workers < 2) return units;
  const share = units.reduce((sum, u) => sum + u.expectedMs!, 0) / split.workers;
  return units.flatMap((unit) => (unit.expectedMs! > share && !split.keepWhole?.(unit.file) ? splitFile(unit.file, estimates, share) : [unit]));
}

function wholeFile(file: string, estimates: Estimates): WorkUnit {
  return { id: file, file, expectedMs: estimates.fileMs(file), priority: estimates.failedLastRun(estimates.testsOf(file)) ? 1 : 0 };
}

function splitFile(file: string, estimates: Estimates, shareMs: number): WorkUnit[] {
  const tests = estimates.testsOf(file);
  // Half a share balances well; but a chunk repeats the file's fixed cost, so it must dwarf it.
  const targetMs = Math.max(shareMs / 2, 4 * estimates.overheadMs(file));
  const groups: string[][] = [[]];
  let acc = 0;
  for (const id of tests) {
    const ms = estimates.testMs(id) ?? 0;
    // a test as long as a whole chunk gets one of its own, rather than making its neighbours' twice as long
    if (acc > 0 && ms >= targetMs) {
      groups.push([]);
      acc = 0;
    }
    groups[groups.length - 1]!.push(id);
    acc += ms;
    if (acc >= targetMs) {
      groups.push([]);
      acc = 0;
    }
  }
  const chunks = groups.filter((g) => g.length > 0);
  if (chunks.length < 2) return [wholeFile(file, estimates)];
  return chunks.map((ids, i): WorkUnit => {
    const unit: WorkUnit = {
      id: `${file}#${i + 1}/${chunks.length}`,
      file,
      expectedMs: estimates.chunkMs(file, ids),
      priority: estimates.failedLastRun(ids) ? 1 : 0,
    };
    if (i < chunks.length - 1) unit.testIds = ids;
    else unit.excludeTestIds = chunks.slice(0, -1).flat();
    return unit;
  });
}
