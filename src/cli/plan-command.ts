import type { Options } from '../config/options.js';
import { expectedOf } from '../plan/lpt.js';
import { simulate } from '../plan/simulate.js';
import { ExitCode } from '../model/exit-codes.js';
import { noTestFiles, prepareUnits } from './prepare-units.js';

/**
 * `ptest plan`: what a run would do, run nothing. The planner is simulated with the history's
 * estimates as durations, so the lanes, start times and finish times are the ones it expects.
 */
export async function planCommand(options: Options, cwd: string, write: (line: string) => void, warn: (line: string) => void): Promise<ExitCode> {
  const { files, units, workerCount, planner, repeat } = await prepareUnits(options, cwd, warn);
  if (files.length === 0) {
    warn(noTestFiles(options));
    return ExitCode.noTests;
  }
  const sim = simulate(planner, units, workerCount, expectedOf);
  const source = options.history ? `history ${options.history}` : 'no history';
  const how = repeat ? `--repeat ${repeat.count} --seed ${repeat.seed}` : `--dist ${options.dist}`;
  write(`ptest plan: ${files.length} files as ${units.length} units on ${workerCount} workers (${how}, ${source})`);
  for (let slot = 0; slot < workerCount; slot++) {
    const steps = sim.trace.filter((s) => s.slot === slot);
    const finish = steps.reduce((max, s) => Math.max(max, s.endMs), 0);
    write('');
    write(`w${slot}  expected to finish at ${seconds(finish)} (${steps.length} units)`);
    for (const step of steps) write(`    ${seconds(step.startMs).padStart(9)} +${seconds(step.endMs - step.startMs).padEnd(9)} ${labelOf(step.unit)}`);
  }
  const total = units.reduce((sum, u) => sum + expectedOf(u), 0);
  const ideal = Math.max(total / workerCount, ...units.map(expectedOf));
  write('');
  write(`expected makespan ${seconds(sim.makespanMs)} · ideal ${seconds(ideal)} · makespan/ideal ${(ideal > 0 ? sim.makespanMs / ideal : 1).toFixed(2)}`);
  return ExitCode.passed;
}

function labelOf(unit: { id: string; file: string; testIds?: string[]; excludeTestIds?: string[] }): string {
  if (unit.testIds) return `${unit.id} (${unit.testIds.length} tests)`;
  if (unit.excludeTestIds) return `${unit.id} (the rest of the file)`;
  return unit.file;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
