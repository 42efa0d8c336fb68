#!/usr/bin/env node
// The shard benchmark (the CI shard issue's target): the skewed suite split into 4 CI shards by
// ptest (duration-balanced, with the history of one earlier run), Jest and Vitest (their own
// --shard), each shard run as a CI job would, one after another on this machine, 2 workers each.
// Reports each shard's wall time and the spread: slowest shard / mean. See bench/README.md.
//
//   node bench/shards.mjs [--runs N] [--shards N] [--workers N] [--quick]

import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { BENCH_DIR, generate } from './generate.mjs';
import { writeBetweenMarkers } from './report.mjs';
import { RUNNERS, runOnce } from './runners.mjs';
import { machineInfo, median } from './stats.mjs';

const ROOT = resolve(BENCH_DIR, '..');
const arg = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const quick = process.argv.includes('--quick');
const runs = arg('--runs', quick ? 1 : 3);
const total = arg('--shards', 4);
const workers = arg('--workers', 2);
const SHARD_FLAG = { 'ptest-steal': (i) => ['--shard', `${i}/${total}`], jest: (i) => [`--shard=${i}/${total}`], vitest: (i) => [`--shard=${i}/${total}`] };
const runners = RUNNERS.filter((r) => r.id in SHARD_FLAG);
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

const suitesDir = join(BENCH_DIR, '.suites', quick ? 'quick' : 'full');
const scratch = join(suitesDir, '.reports');
mkdirSync(scratch, { recursive: true });
const [scenario] = generate({ quick, out: suitesDir, only: ['skewed'], dirs: Object.fromEntries(runners.map((r) => [r.id, r.flavour])) });
const machine = machineInfo({ benchDir: BENCH_DIR, rootDir: ROOT });
console.log(`bench shards: skewed suite (${scenario.fileCount} files, ${scenario.testCount} tests, ${fmt(scenario.totalMs)}), ${total} shards x ${workers} workers, ${runs} run(s); ${machine.cpu}, ${machine.nproc} cores`);

const job = async (runner, tag, extraArgs) => {
  const sample = await runOnce(runner, {
    dir: scenario.dirs[runner.id], workers, extraArgs, timeoutMs: 600_000,
    report: join(scratch, `shards-${runner.id}.json`), logFile: join(scratch, `shards-${runner.id}-${tag}.log`),
  });
  if (!sample.ok) throw new Error(`${runner.label} ${tag}: ${sample.error} (see ${relative(ROOT, sample.log)})`);
  return { ...sample, report: JSON.parse(readFileSync(join(scratch, `shards-${runner.id}.json`), 'utf8')) };
};

const results = {};
for (const runner of runners) {
  const dir = scenario.dirs[runner.id];
  // the history of one earlier run, restored unchanged before every shard, as a CI cache would be
  const history = join(dir, '.ptest', 'history.json');
  const snapshot = join(scratch, 'shards-history.json');
  runner.reset?.(dir);
  await job(runner, 'warm-up', []);
  if (runner.id.startsWith('ptest')) copyFileSync(history, snapshot);
  results[runner.id] = [];
  for (let rep = 0; rep < runs; rep++) {
    const shards = [];
    for (let i = 1; i <= total; i++) {
      if (runner.id.startsWith('ptest')) copyFileSync(snapshot, history);
      const sample = await job(runner, `run${rep + 1}-shard${i}`, SHARD_FLAG[runner.id](i));
      shards.push({ wallMs: sample.wallMs, tests: sample.total, planId: sample.report.shard?.planId });
    }
    const counted = shards.reduce((sum, s) => sum + s.tests, 0);
    if (counted !== scenario.testCount) throw new Error(`${runner.label}: the shards ran ${counted} tests, the suite has ${scenario.testCount}`);
    if (runner.id.startsWith('ptest') && new Set(shards.map((s) => s.planId)).size !== 1) throw new Error('ptest shards disagreed on the plan');
    const walls = shards.map((s) => s.wallMs);
    const mean = walls.reduce((a, b) => a + b, 0) / total;
    results[runner.id].push({ walls, maxMs: Math.max(...walls), meanMs: mean, spread: Math.max(...walls) / mean });
    console.log(`   ${runner.label.padEnd(15)} run ${rep + 1}: ${walls.map(fmt).join(' · ')}  spread ${(Math.max(...walls) / mean).toFixed(3)}`);
  }
}

const day = machine.date.slice(0, 10);
const lines = [
  `Measured ${day}${quick ? ' (**--quick**: a smoke test, not a result)' : ''} on ${machine.cpu}, ${machine.nproc} cores; Node ${machine.node}; ` +
    `the skewed suite (${scenario.fileCount} files, ${fmt(scenario.totalMs)} of tests) in ${total} shards of ${workers} workers, each shard run alone as its CI job would; ` +
    `median of ${runs} run${runs === 1 ? '' : 's'} after one unsharded warm-up run (ptest's shards all plan from the history that run left).`,
  '',
  `| runner | shard wall times (median of each) | slowest | mean | spread (slowest / mean) |`,
  '| --- | --- | ---: | ---: | ---: |',
  ...runners.map((r) => {
    const rs = results[r.id];
    const perShard = Array.from({ length: total }, (_, i) => fmt(median(rs.map((x) => x.walls[i])))).join(' · ');
    return `| ${r.id === 'ptest-steal' ? 'ptest' : r.label} | ${perShard} | ${fmt(median(rs.map((x) => x.maxMs)))} | ${fmt(median(rs.map((x) => x.meanMs)))} | ${median(rs.map((x) => x.spread)).toFixed(3)} |`;
  }),
  '',
  'Wall time is the whole command of one shard, from spawn to exit. ptest balances shards on history durations and splits the three long files at test level; Jest and Vitest split by file, without durations.',
];
const table = lines.join('\n');
const out = join(BENCH_DIR, 'results', `${machine.date.slice(0, 16).replace(':', '-')}-shards${quick ? '-quick' : ''}.json`);
mkdirSync(join(BENCH_DIR, 'results'), { recursive: true });
writeFileSync(out, JSON.stringify({ schema: 'ptest-bench-shards/1', machine, total, workers, runs, results }, null, 2) + '\n');
if (!quick) writeBetweenMarkers(join(BENCH_DIR, 'SHARDS.md'), table, '# ptest shard benchmark results');
console.log(`\n${table}\n\nbench shards: samples in ${relative(ROOT, out)}${quick ? '' : ', table in bench/SHARDS.md'}`);
rmSync(join(scratch, 'shards-history.json'), { force: true });
