#!/usr/bin/env node
// The compat benchmark: ptest and Vitest 4 timed side by side on the SAME Vitest-style suite
// (compat-suite.mjs: TypeScript files importing from 'vitest', vi.mock factories, spies, fake
// timers, it.each, stored and inline snapshots), under both pools of each. Every run must pass
// every test with CI set, and no snapshot may change. Writes COMPAT.md and results/<date>-compat.json.
//
//   node bench/compat.mjs [--runs N] [--workers N] [--ptest path/to/bin/ptest] [--quick]

import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { readArgs } from './args.mjs';
import { generateCompatSuite } from './compat-suite.mjs';
import { BENCH_DIR } from './generate.mjs';
import { writeBetweenMarkers } from './report.mjs';
import { PTEST_BIN, RUNNERS, packageBin, runOnce } from './runners.mjs';
import { gitCommit, machineInfo, median } from './stats.mjs';

const ROOT = resolve(BENCH_DIR, '..');
const USAGE = `usage: node bench/compat.mjs [--runs N] [--workers N] [--ptest PATH] [--quick]
  --runs N      timed runs per runner after the warm-up (default 5; 1 with --quick)
  --workers N   workers for every runner (default 2)
  --ptest PATH  the bin/ptest to time (default ${relative(process.cwd(), PTEST_BIN) || PTEST_BIN}); it runs the dist/ beside it
  --quick       12 files instead of 60 and 1 run: an end-to-end check; COMPAT.md is left alone`;

function parseArgs(argv) {
  const opts = readArgs(argv, {
    defaults: { runs: undefined, workers: 2, ptest: PTEST_BIN, quick: false },
    options: { '--runs': ['runs', Number], '--workers': ['workers', Number], '--ptest': ['ptest', (v) => resolve(v)], '--quick': ['quick', true] },
    aliases: { '-n': '--workers' },
    usage: USAGE,
    fail,
  });
  opts.runs ??= opts.quick ? 1 : 5;
  if (!(opts.runs >= 1) || !(opts.workers >= 1)) fail('--runs and --workers take a positive number');
  return opts;
}

function fail(message, code = 4) {
  console.error(`bench compat: ${message}${code === 4 ? `\n${USAGE}` : ''}`);
  process.exit(code);
}

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** sha256 of every stored snapshot and every test file (an inline snapshot lives in its test file). */
function snapshotHashes(dir) {
  const hashes = {};
  const add = (path) => (hashes[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex'));
  const snaps = join(dir, '__snapshots__');
  if (existsSync(snaps)) for (const f of readdirSync(snaps)) add(join(snaps, f));
  for (const f of readdirSync(dir)) if (f.endsWith('.test.ts')) add(join(dir, f));
  return hashes;
}

// The counting of runners.mjs: ptest's JSON summary, Vitest's Jest-like JSON report.
const ptestCount = RUNNERS.find((r) => r.id.startsWith('ptest-')).count;
const vitestCount = RUNNERS.find((r) => r.id === 'vitest').count;

const vitestArgs = (dir, workers, report, pool) => [
  packageBin('vitest'), 'run', '--root', dir, '--config', join(dir, 'vitest.config.mjs'),
  '--pool', pool, '--maxWorkers', String(workers),
  '--reporter', 'dot', '--reporter', 'json', `--outputFile.json=${report}`,
];

/** Vitest threads first: it is the baseline of the ratios. ptest runs with its default --dist. */
function compatRunners(ptestBin) {
  const vitest = (pool) => ({
    id: `vitest-${pool}`,
    label: `vitest ${pool}`,
    command: ({ dir, workers, report }) => ({ args: vitestArgs(dir, workers, report, pool) }),
    count: vitestCount,
  });
  // under the suite's Vitest config ptest isolates every file by default, as Vitest does; the
  // --no-isolate row shows what reusing workers saves on a suite that does not need it
  const ptest = (pool, ...extra) => ({
    id: `ptest-${pool}${extra.length > 0 ? '-shared' : ''}`,
    label: `ptest ${pool}${extra.length > 0 ? ` ${extra.join(' ')}` : ''}`,
    command: ({ dir, workers, report }) => ({
      args: [ptestBin, '--root', dir, '-n', String(workers), '--pool', pool, ...extra, '--reporter', `json:${report}`],
    }),
    count: ptestCount,
  });
  return [vitest('threads'), vitest('forks'), ptest('threads'), ptest('forks'), ptest('threads', '--no-isolate')];
}

/**
 * Writes the stored snapshots with Vitest's own engine (`-u`, CI unset), so the timed runs (CI set:
 * a missing snapshot fails) compare against Vitest's files. Also proves the suite passes on Vitest
 * and that Vitest agrees with every generated inline snapshot (it would rewrite the test file).
 */
function writeSnapshots(suite, workers, scratch) {
  const report = join(scratch, 'snapshots-vitest.json');
  rmSync(report, { force: true });
  const env = { ...process.env, NO_COLOR: '1' };
  delete env.CI;
  delete env.FORCE_COLOR;
  const args = [...vitestArgs(suite.dir, workers, report, 'threads'), '-u'];
  console.log(`bench compat: writing snapshots: node ${relative(ROOT, args[0])} ${args.slice(1).join(' ')}`);
  const r = spawnSync(process.execPath, args, { cwd: suite.dir, env, encoding: 'utf8' });
  const log = join(scratch, 'snapshots-vitest.log');
  writeFileSync(log, `--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}\n`);
  let counts;
  try {
    counts = vitestCount({ report });
  } catch (e) {
    fail(`vitest -u wrote no report (${e.message.split('\n')[0]}); see ${relative(ROOT, log)}`, 1);
  }
  if (r.status !== 0 || counts.passed !== suite.testCount || counts.failed > 0) {
    fail(`vitest -u: exit ${r.status}, ${counts.passed} of ${suite.testCount} passed; see ${relative(ROOT, log)}`, 1);
  }
  for (const f of suite.files) {
    if (readFileSync(join(suite.dir, f.path), 'utf8') !== f.content) fail(`vitest -u rewrote ${f.path} (an inline snapshot it disagrees with)`, 1);
    if (!existsSync(join(suite.dir, '__snapshots__', `${f.path}.snap`))) fail(`vitest -u wrote no __snapshots__/${f.path}.snap`, 1);
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const ptestRoot = resolve(dirname(opts.ptest), '..');
  if (!existsSync(opts.ptest)) fail(`no ptest binary at ${opts.ptest}`);
  if (!existsSync(join(ptestRoot, 'dist', 'runtime', 'cli.js'))) fail(`${opts.ptest} runs ${join(ptestRoot, 'dist')}, which is not built: npm run build there`, 3);
  if (!existsSync(join(BENCH_DIR, 'node_modules', 'vitest', 'package.json'))) fail('Vitest is not installed: npm ci --prefix bench', 3);

  const mode = opts.quick ? 'quick' : 'full';
  const scratch = join(BENCH_DIR, '.suites', 'compat', '.reports');
  mkdirSync(scratch, { recursive: true });
  const suite = generateCompatSuite({ out: join(BENCH_DIR, '.suites', 'compat', mode), files: opts.quick ? 12 : 60 });
  const runners = compatRunners(opts.ptest);
  const machine = {
    ...machineInfo({ benchDir: BENCH_DIR, rootDir: ptestRoot }),
    commit: gitCommit(ptestRoot),
    ptestBin: opts.ptest,
  };
  console.log(
    `bench compat: ${mode} mode, ${suite.fileCount} files, ${suite.testCount} tests, ${opts.workers} workers, ` +
      `${opts.runs} timed run(s) after 1 warm-up; ${machine.node}, ${machine.nproc} cores, ${machine.cpu}; ` +
      `ptest ${opts.ptest} (${machine.commit ?? 'no git'}); suite in ${relative(ROOT, suite.dir)}`,
  );

  // Other work on the machine skews every runner's times: the load averages go into the JSON.
  const loadBefore = os.loadavg();
  writeSnapshots(suite, opts.workers, scratch);
  const before = snapshotHashes(suite.dir);
  // ptest keeps its history (it plans from durations): the first warm-up writes it from nothing.
  rmSync(join(suite.dir, '.ptest'), { recursive: true, force: true });

  const samples = Object.fromEntries(runners.map((r) => [r.id, { warmup: null, timed: [] }]));
  const run = async (runner, rep) => {
    const tag = rep < 0 ? 'warm-up' : `run ${rep + 1}`;
    const sample = await runOnce(runner, {
      dir: suite.dir,
      workers: opts.workers,
      report: join(scratch, `${runner.id}.json`),
      logFile: join(scratch, `${runner.id}-${tag.replace(' ', '')}.log`),
      expectedTests: suite.testCount,
      timeoutMs: 300_000,
    });
    const status = sample.ok ? `ok, ${sample.passed} passed` : `FAILED: ${sample.error}`;
    console.log(`   ${runner.label.padEnd(15)} ${tag.padEnd(7)} ${fmt(sample.wallMs).padStart(8)}  ${status}`);
    // A run that is not all green makes the comparison meaningless: stop at once, naming the log.
    if (!sample.ok) fail(`${runner.label} ${tag} failed: ${sample.error}; see ${relative(ROOT, sample.log)}`, 1);
    return sample;
  };
  for (const runner of runners) samples[runner.id].warmup = await run(runner, -1);
  // Round-robin, so drift on the machine affects every runner alike.
  for (let rep = 0; rep < opts.runs; rep++) {
    for (const runner of runners) samples[runner.id].timed.push(await run(runner, rep));
  }

  const after = snapshotHashes(suite.dir);
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => before[f] !== after[f]);
  if (changed.length > 0) fail(`SNAPSHOTS CHANGED during the timed runs (no runner may write them with CI set): ${changed.join(', ')}`, 1);

  const base = median(samples['vitest-threads'].timed.map((s) => s.wallMs));
  const cells = Object.fromEntries(
    runners.map((r) => {
      const walls = samples[r.id].timed.map((s) => s.wallMs);
      return [r.id, { medianMs: median(walls), ratio: median(walls) / base, minPassed: Math.min(...samples[r.id].timed.map((s) => s.passed)) }];
    }),
  );
  const { files, dir, ...described } = suite;
  const results = {
    schema: 'ptest-bench-compat/1',
    machine,
    quick: opts.quick,
    workers: opts.workers,
    runs: opts.runs,
    loadavg: { before: loadBefore, after: os.loadavg() },
    suite: { ...described, dir: relative(ROOT, dir), snapshots: Object.keys(before).filter((f) => f.endsWith('.snap')).length },
    runners: runners.map((r) => ({
      id: r.id,
      label: r.label,
      command: ['node', ...r.command({ dir: '<suite>', workers: opts.workers, report: '<report>' }).args.map((a) => (a.startsWith(ROOT) ? relative(ROOT, a) : a))],
    })),
    results: cells,
    samples,
  };

  const day = machine.date.slice(0, 10);
  const lines = [
    `Measured ${day}${opts.quick ? ' (**--quick**: a smoke test, not a result)' : ''} on ${machine.cpu}, ${machine.nproc} cores (nproc), ` +
      `${machine.memoryGiB} GiB, ${machine.platform}; Node ${machine.node}; ptest ${machine.versions.ptest}` +
      `${machine.commit ? ` (${machine.commit})` : ''}, Vitest ${machine.versions.vitest}; **${opts.workers} workers** for every runner; ` +
      `median of ${opts.runs} timed run${opts.runs === 1 ? '' : 's'} after one untimed warm-up run each.`,
    '',
    `The suite: ${suite.fileCount} TypeScript test files, ${suite.testCount} tests, ${results.suite.snapshots} stored snapshot files ` +
      `(written once by \`vitest run -u\`) and ${suite.fileCount} inline snapshots, ${fmt(suite.sleepMs)} of real sleeps in all.`,
    '',
    '| runner | median wall | ratio vs vitest threads | tests passed |',
    '| --- | ---: | ---: | ---: |',
    ...runners.map((r) => {
      const c = cells[r.id];
      return `| ${r.label} | ${fmt(c.medianMs)} | ${c.ratio.toFixed(2)} | ${c.minPassed} / ${suite.testCount} in every run |`;
    }),
    '',
    'Wall time is the whole command, from spawn to exit, with `CI=1` (a missing snapshot fails). Every runner ran the same ' +
      'files in the same invocation, one process at a time, repetitions interleaved round-robin; ptest reads the suite\'s ' +
      '`vitest.config.mjs` and plans from the duration history its warm-up wrote (deleted before the warm-ups). Every run passed ' +
      'every test, and no snapshot (stored or inline) changed. Reproduce with `npm run bench:compat`.',
  ];
  const table = lines.join('\n');

  const stamp = `${machine.date.slice(0, 16).replace(':', '-')}-compat${opts.quick ? '-quick' : ''}`;
  const resultsDir = join(BENCH_DIR, 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${stamp}.json`), JSON.stringify(results, null, 2) + '\n');
  const tablePath = opts.quick ? join(resultsDir, `${stamp}.md`) : join(BENCH_DIR, 'COMPAT.md');
  writeBetweenMarkers(tablePath, table, '# ptest and Vitest on the same Vitest suite');
  console.log(`\n${table}\n\nbench compat: samples in ${relative(ROOT, join(resultsDir, `${stamp}.json`))}, table in ${relative(ROOT, tablePath)}`);
}

await main();
