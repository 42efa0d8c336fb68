#!/usr/bin/env node
// The benchmark: ptest under each --dist, Vitest (threads), Jest and node --test on the same
// generated suites, timed side by side. See bench/README.md.
//
//   node bench/run.mjs [--quick] [--runs N] [--workers N] [--only scenario,...] [--runners id,...]

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { list, readArgs } from './args.mjs';
import { BENCH_DIR, generate } from './generate.mjs';
import { markdownTable, writeBetweenMarkers } from './report.mjs';
import { RUNNERS, runOnce } from './runners.mjs';
import { idealMs, buildScenarios } from './scenarios.mjs';
import { machineInfo, summarise } from './stats.mjs';

const ROOT = resolve(BENCH_DIR, '..');
const USAGE = `usage: node bench/run.mjs [--quick] [--runs N] [--workers N] [--only scenario,...] [--runners id,...]
  --quick      suites scaled down ten times and 1 timed run: an end-to-end check in about two minutes
  --runs N     timed runs per scenario and runner after the warm-up (default 3; 1 with --quick)
  --workers N  worker count given to every runner (default 8)
  --only       scenarios: ${buildScenarios().map((s) => s.name).join(', ')}
  --runners    runners: ${RUNNERS.map((r) => r.id).join(', ')} ('ptest' means all three ptest ones)`;

function parseArgs(argv) {
  const opts = readArgs(argv, {
    defaults: { quick: false, runs: undefined, workers: 8, only: undefined, runners: undefined },
    options: { '--quick': ['quick', true], '--runs': ['runs', Number], '--workers': ['workers', Number], '--only': ['only', list], '--runners': ['runners', list] },
    aliases: { '-n': '--workers' },
    usage: USAGE,
    fail,
  });
  opts.runs ??= opts.quick ? 1 : 3;
  if (!(opts.runs >= 1) || !(opts.workers >= 1)) fail('--runs and --workers take a positive number');
  const names = buildScenarios().map((s) => s.name);
  for (const s of opts.only ?? []) if (!names.includes(s)) fail(`unknown scenario ${s}`);
  const ids = RUNNERS.map((r) => r.id);
  opts.runners = opts.runners?.flatMap((r) => (r === 'ptest' ? ids.filter((id) => id.startsWith('ptest-')) : [r]));
  for (const r of opts.runners ?? []) if (!ids.includes(r)) fail(`unknown runner ${r}`);
  return opts;
}

function fail(message) {
  console.error(`bench: ${message}\n${USAGE}`);
  process.exit(4);
}

function sh(cmd, args, cwd) {
  console.log(`bench: $ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`bench: ${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(3);
  }
}

/** Vitest and Jest are dev dependencies of the benchmark only, in bench/node_modules. */
function ensureInstalled() {
  const have = ['vitest', 'jest'].every((p) => existsSync(join(BENCH_DIR, 'node_modules', p, 'package.json')));
  if (have) return;
  const lock = existsSync(join(BENCH_DIR, 'package-lock.json'));
  sh('npm', [lock ? 'ci' : 'install', '--prefix', BENCH_DIR, '--no-audit', '--no-fund'], ROOT);
}

/** bin/ptest runs dist/: build it if it is not there (it is never rebuilt behind your back). */
function ensurePtestBuilt() {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) sh('npm', ['run', 'build'], ROOT);
}

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  ensureInstalled();
  ensurePtestBuilt();

  const runners = RUNNERS.filter((r) => !opts.runners || opts.runners.includes(r.id));
  const mode = opts.quick ? 'quick' : 'full';
  const suitesDir = join(BENCH_DIR, '.suites', mode);
  const scratch = join(suitesDir, '.reports');
  mkdirSync(scratch, { recursive: true });
  const scenarios = generate({
    quick: opts.quick,
    out: suitesDir,
    only: opts.only,
    dirs: Object.fromEntries(runners.map((r) => [r.id, r.flavour])),
  });

  const machine = { ...machineInfo({ benchDir: BENCH_DIR, rootDir: ROOT }), commit: gitCommit() };
  const timeoutMs = opts.quick ? 120_000 : 600_000;
  console.log(
    `bench: ${mode} mode, ${opts.workers} workers, ${opts.runs} timed run(s) after 1 warm-up; ` +
      `${machine.node}, ${machine.nproc} cores, ${machine.cpu}; suites in ${relative(ROOT, suitesDir)}`,
  );

  const results = {
    schema: 'ptest-bench/1',
    machine,
    quick: opts.quick,
    workers: opts.workers,
    runs: opts.runs,
    runners: runners.map(({ id, label }) => ({ id, label })),
    scenarios: [],
  };

  for (const scenario of scenarios) {
    const ideal = idealMs(scenario, opts.workers);
    console.log(
      `\n== ${scenario.name}: ${scenario.description} — ${scenario.fileCount} files, ${scenario.testCount} tests, ` +
        `${fmt(scenario.totalMs)} of test time, ideal ${fmt(ideal)}`,
    );
    const samples = Object.fromEntries(runners.map((r) => [r.id, { warmup: null, timed: [] }]));
    const run = async (runner, rep) => {
      const dir = scenario.dirs[runner.id];
      const tag = rep < 0 ? 'warm-up' : `run ${rep + 1}`;
      const sample = await runOnce(runner, {
        dir,
        workers: opts.workers,
        report: join(scratch, `${scenario.name}-${runner.id}.json`),
        logFile: join(scratch, `${scenario.name}-${runner.id}-${tag.replace(' ', '')}.log`),
        expectedTests: scenario.testCount,
        timeoutMs,
      });
      const balance = sample.extra?.balance ? `  (ptest's own makespan/ideal ${sample.extra.balance.ratio})` : '';
      const status = sample.ok ? 'ok' : `FAILED: ${sample.error} — see ${relative(ROOT, sample.log)}`;
      console.log(`   ${runner.label.padEnd(15)} ${tag.padEnd(7)} ${fmt(sample.wallMs).padStart(8)}  ${status}${balance}`);
      return sample;
    };

    // One untimed run each, so every runner's caches (and ptest's history) are warm.
    for (const runner of runners) {
      runner.reset?.(scenario.dirs[runner.id]);
      samples[runner.id].warmup = await run(runner, -1);
    }
    // Timed runs, round-robin over the runners; a runner that failed once is not run again.
    const failed = (id) => !samples[id].warmup.ok || samples[id].timed.some((s) => !s.ok);
    for (let rep = 0; rep < opts.runs; rep++) {
      for (const runner of runners) {
        if (!failed(runner.id)) samples[runner.id].timed.push(await run(runner, rep));
      }
    }

    const cells = {};
    for (const runner of runners) {
      const { warmup, timed } = samples[runner.id];
      cells[runner.id] = warmup.ok ? summarise(timed, ideal) : { status: 'failed', error: `warm-up: ${warmup.error}`, log: warmup.log };
    }
    const { files, dirs, ...described } = scenario;
    results.scenarios.push({ ...described, idealMs: ideal, results: cells, samples });
  }

  const stamp = machine.date.slice(0, 16).replace(':', '-') + (opts.quick ? '-quick' : '');
  const resultsDir = join(BENCH_DIR, 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${stamp}.json`), JSON.stringify(results, null, 2) + '\n');
  const table = markdownTable(results);
  // Only a complete full run replaces RESULTS.md; anything else is filed beside its JSON.
  const complete = !opts.quick && !opts.only && !opts.runners;
  const tablePath = complete ? join(BENCH_DIR, 'RESULTS.md') : join(resultsDir, `${stamp}.md`);
  writeBetweenMarkers(tablePath, table);
  console.log(`\n${table}\n\nbench: samples in ${relative(ROOT, join(resultsDir, `${stamp}.json`))}, table in ${relative(ROOT, tablePath)}`);
  const anyFailed = results.scenarios.some((s) => Object.values(s.results).some((c) => c.status === 'failed'));
  process.exitCode = anyFailed ? 1 : 0;
}

await main();
