import type { Options } from '../config/options.js';
import { expectedOf } from '../plan/lpt.js';
import { simulate } from '../plan/simulate.js';
import { resolve } from 'node:path';
import { UsageError } from '../config/usage-error.js';
import { ExitCode } from '../model/exit-codes.js';
import { Estimates } from '../plan/estimates.js';
import { seconds } from '../report/seconds.js';
import { spreadOf } from '../report/shard-balance.js';
import { writePlanFile } from './plan-file.js';
import { shardPlan } from './shard-units.js';
import { noTestFiles, prepareUnits } from './prepare-units.js';

/**
 * `ptest plan`: what a run would do, run nothing. The planner is simulated with the history's
 * estimates as durations, so the lanes, start times and finish times are the ones it expects.
 */
export async function planCommand(options: Options, sharding: { shards: number | null; out: string | null }, io: { cwd: string; write: (line: string) => void; warn: (line: string) => void }): Promise<ExitCode> {
  const { cwd, write, warn } = io;
  if (sharding.out && !sharding.shards) throw new UsageError('--out: a plan file is for shards: add --shards <n>');
  if (sharding.shards) return planShardsCommand(options, sharding.shards, sharding.out, io);
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

/** `ptest plan --shards n [--out plan.json]`: each shard's units and expected time, and the spread */
async function planShardsCommand(options: Options, total: number, out: string | null, io: { cwd: string; write: (line: string) => void; warn: (line: string) => void }): Promise<ExitCode> {
  const { files, history } = await prepareUnits({ ...options, shard: null }, io.cwd, io.warn);
  if (files.length === 0) {
    io.warn(noTestFiles(options));
    return ExitCode.noTests;
  }
  const plan = await shardPlan(files, new Estimates(history), { root: options.root, total, planFile: null, warn: io.warn });
  const loads = plan.shards.map((units) => units.reduce((sum, u) => sum + expectedOf(u), 0));
  const { maxMs, meanMs, spread } = spreadOf(loads);
  io.write(`ptest plan: ${files.length} files in ${total} shards, plan ${plan.planId} (${options.history ? `history ${options.history}` : 'no history'})`);
  plan.shards.forEach((units, i) => {
    io.write('');
    io.write(`shard ${i + 1}/${total}  expected ${seconds(loads[i]!)} (${units.length} units)`);
    for (const unit of units) io.write(`    +${seconds(expectedOf(unit)).padEnd(9)} ${labelOf(unit)}`);
  });
  io.write('');
  io.write(`expected slowest shard ${seconds(maxMs)} · mean ${seconds(meanMs)} · spread (max/mean) ${spread.toFixed(2)}`);
  if (out) {
    await writePlanFile(resolve(io.cwd, out), plan);
    io.write(`wrote ${out}: replay a shard with ptest --plan ${out} --shard i/${total}`);
  }
  return ExitCode.passed;
}

function labelOf(unit: { id: string; file: string; testIds?: string[]; excludeTestIds?: string[] }): string {
  if (unit.testIds) return `${unit.id} (${unit.testIds.length} tests)`;
  if (unit.excludeTestIds) return `${unit.id} (the rest of the file)`;
  return unit.file;
}
