#!/usr/bin/env node
// The Jest compat benchmark: ptest and Jest 30 timed side by side on the SAME Jest suite
// (compat-jest-suite.mjs: CommonJS files with React and Testing Library under jsdom, some under
// node, jest.mock factories, spies, fake timers, test.each, stored snapshots), ptest under each
// --isolate mode. Every run of Jest, ptest (modules) and ptest --isolate worker must pass every test
// with CI set, and no snapshot may change. Writes COMPAT-JEST.md and results/<date>-compat-jest.json.
//
//   node bench/compat-jest.mjs [--runs N] [--workers N] [--ptest path/to/bin/ptest] [--quick]

import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { readArgs } from './args.mjs';
import { generateCompatJestSuite } from './compat-jest-suite.mjs';
import { BENCH_DIR } from './generate.mjs';
import { writeBetweenMarkers } from './report.mjs';
import { PTEST_BIN, RUNNERS, packageBin, runOnce } from './runners.mjs';
import { childCpuMs, gitCommit, machineInfo, median } from './stats.mjs';

const ROOT = resolve(BENCH_DIR, '..');
const USAGE = `usage: node bench/compat-jest.mjs [--runs N] [--workers N] [--ptest PATH] [--quick]
  --runs N      timed runs per runner after the warm-up (default 5; 1 with --quick)
  --workers N   workers for every runner (default 2)
  --ptest PATH  the bin/ptest to time (default ${relative(process.cwd(), PTEST_BIN) || PTEST_BIN}); it runs the dist/ beside it
  --quick       12 files instead of 60 and 1 run: an end-to-end check; COMPAT-JEST.md is left alone`;

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
  console.error(`bench compat-jest: ${message}${code === 4 ? `\n${USAGE}` : ''}`);
  process.exit(code);
}

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** sha256 of every stored snapshot and every test file. */
function snapshotHashes(dir) {
  const hashes = {};
  const add = (path) => (hashes[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex'));
  const snaps = join(dir, 'test', '__snapshots__');
  if (existsSync(snaps)) for (const f of readdirSync(snaps)) add(join(snaps, f));
  for (const f of readdirSync(join(dir, 'test'))) if (f.endsWith('.test.js')) add(join(dir, 'test', f));
  return hashes;
}

// The counting of runners.mjs: ptest's JSON summary, Jest's JSON report.
const ptestCount = RUNNERS.find((r) => r.id.startsWith('ptest-')).count;
const jestCount = RUNNERS.find((r) => r.id === 'jest').count;

const jestArgs = (dir, workers, report) => [
  packageBin('jest'), '--config', join(dir, 'jest.config.js'), `--maxWorkers=${workers}`, '--json', `--outputFile=${report}`,
];

/**
 * Jest first: it is the baseline of the ratios. ptest reads the suite's jest.config.js, so its
 * default is --isolate modules. The --no-isolate row is a reference (see `reference` below).
 */
function compatRunners(ptestBin) {
  const ptest = (id, label, extra, reference = false) => ({
    id,
    label,
    reference,
    command: ({ dir, workers, report }) => ({ args: [ptestBin, '--root', dir, '-n', String(workers), ...extra, '--reporter', `json:${report}`] }),
    count: ptestCount,
  });
  return [
    { id: 'jest', label: 'jest', command: ({ dir, workers, report }) => ({ args: jestArgs(dir, workers, report) }), count: jestCount },
    ptest('ptest-modules', 'ptest (--isolate modules)', []),
    ptest('ptest-worker', 'ptest --isolate worker', ['--isolate', 'worker']),
    // Shares packages between files but gives each file a new jsdom window: Testing Library's
    // `screen`, bound to the first file's document.body, then fails (COMPAT-JEST.md). Its runs are
    // timed and counted, not required to pass; it is not a comparison while tests fail.
    ptest('ptest-none', 'ptest --no-isolate', ['--no-isolate'], true),
  ];
}

/** Writes the stored snapshots with Jest's own engine (`-u`, CI unset); proves the suite passes on Jest. */
function writeSnapshots(suite, workers, scratch) {
  const report = join(scratch, 'snapshots-jest.json');
  rmSync(report, { force: true });
  const env = { ...process.env, NO_COLOR: '1' };
  delete env.CI;
  delete env.FORCE_COLOR;
  const args = [...jestArgs(suite.dir, workers, report), '--ci=false', '-u'];
  console.log(`bench compat-jest: writing snapshots: node ${relative(ROOT, args[0])} ${args.slice(1).join(' ')}`);
  const r = spawnSync(process.execPath, args, { cwd: suite.dir, env, encoding: 'utf8' });
  const log = join(scratch, 'snapshots-jest.log');
  writeFileSync(log, `--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}\n`);
  let counts;
  try {
    counts = jestCount({ report });
  } catch (e) {
    fail(`jest -u wrote no report (${e.message.split('\n')[0]}); see ${relative(ROOT, log)}`, 1);
  }
  if (r.status !== 0 || counts.passed !== suite.testCount || counts.failed > 0) {
    fail(`jest -u: exit ${r.status}, ${counts.passed} of ${suite.testCount} passed; see ${relative(ROOT, log)}`, 1);
  }
  for (const f of suite.files) {
    if (readFileSync(join(suite.dir, f.path), 'utf8') !== f.content) fail(`jest -u rewrote ${f.path}`, 1);
    if (!existsSync(join(suite.dir, 'test', '__snapshots__', `${f.path.slice('test/'.length)}.snap`))) fail(`jest -u wrote no snapshot for ${f.path}`, 1);
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const ptestRoot = resolve(dirname(opts.ptest), '..');
  if (!existsSync(opts.ptest)) fail(`no ptest binary at ${opts.ptest}`);
  if (!existsSync(join(ptestRoot, 'dist', 'runtime', 'cli.js'))) fail(`${opts.ptest} runs ${join(ptestRoot, 'dist')}, which is not built: npm run build there`, 3);
  for (const pkg of ['jest', 'jest-environment-jsdom', '@testing-library/react']) {
    if (!existsSync(join(BENCH_DIR, 'node_modules', pkg, 'package.json'))) fail(`${pkg} is not installed: npm ci --prefix bench`, 3);
  }

  const mode = opts.quick ? 'quick' : 'full';
  const scratch = join(BENCH_DIR, '.suites', 'compat-jest', '.reports');
  mkdirSync(scratch, { recursive: true });
  const suite = generateCompatJestSuite({ out: join(BENCH_DIR, '.suites', 'compat-jest', mode), files: opts.quick ? 12 : 60 });
  const runners = compatRunners(opts.ptest);
  const machine = { ...machineInfo({ benchDir: BENCH_DIR, rootDir: ptestRoot }), commit: gitCommit(ptestRoot), ptestBin: opts.ptest };
  console.log(
    `bench compat-jest: ${mode} mode, ${suite.fileCount} files (${suite.nodeFiles} node), ${suite.testCount} tests, ${opts.workers} workers, ` +
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
    const cpuBefore = childCpuMs();
    const sample = await runOnce(runner, {
      dir: suite.dir,
      workers: opts.workers,
      report: join(scratch, `${runner.id}.json`),
      logFile: join(scratch, `${runner.id}-${tag.replace(' ', '')}.log`),
      expectedTests: runner.reference ? undefined : suite.testCount,
      timeoutMs: 300_000,
    });
    sample.cpuMs = childCpuMs() - cpuBefore;
    const status = sample.ok ? `ok, ${sample.passed} passed` : `${runner.reference ? 'reference' : 'FAILED'}: ${sample.error ?? ''}`;
    console.log(`   ${runner.label.padEnd(26)} ${tag.padEnd(7)} ${fmt(sample.wallMs).padStart(8)} (cpu ${fmt(sample.cpuMs).padStart(8)})  ${status}`);
    // A reference run must still run every test; any other run that is not all green makes the
    // comparison meaningless: stop at once, naming the log.
    const counted = runner.reference ? sample.total === suite.testCount : sample.ok;
    if (!counted) fail(`${runner.label} ${tag} failed: ${sample.error ?? `${sample.total} tests run`}; see ${relative(ROOT, sample.log ?? scratch)}`, 1);
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

  const base = median(samples.jest.timed.map((s) => s.wallMs));
  const cpuBase = median(samples.jest.timed.map((s) => s.cpuMs));
  const cells = Object.fromEntries(
    runners.map((r) => {
      const timed = samples[r.id].timed;
      const walls = timed.map((s) => s.wallMs);
      const passed = timed.map((s) => s.passed);
      const cpuMs = median(timed.map((s) => s.cpuMs));
      return [r.id, { medianMs: median(walls), ratio: median(walls) / base, cpuMs, minPassed: Math.min(...passed), maxPassed: Math.max(...passed) }];
    }),
  );
  const loadAfter = os.loadavg();
  const { files, dir, ...described } = suite;
  const results = {
    schema: 'ptest-bench-compat-jest/1',
    machine,
    quick: opts.quick,
    workers: opts.workers,
    runs: opts.runs,
    loadavg: { before: loadBefore, after: loadAfter },
    suite: { ...described, dir: relative(ROOT, dir), snapshots: Object.keys(before).filter((f) => f.endsWith('.snap')).length },
    runners: runners.map((r) => ({
      id: r.id,
      label: r.label,
      reference: r.reference ?? false,
      command: ['node', ...r.command({ dir: '<suite>', workers: opts.workers, report: '<report>' }).args.map((a) => (a.startsWith(ROOT) ? relative(ROOT, a) : a))],
    })),
    results: cells,
    samples,
  };

  const day = machine.date.slice(0, 10);
  const passedCell = (r, c) =>
    `${c.minPassed === c.maxPassed ? `${c.minPassed} / ${suite.testCount} in every run` : `${c.minPassed}-${c.maxPassed} / ${suite.testCount}`}` +
    `${r.reference && c.minPassed < suite.testCount ? ' (a reference only: see below)' : ''}`;
  const load = (l) => l.map((x) => x.toFixed(2)).join(', ');
  const lines = [
    `Measured ${day}${opts.quick ? ' (**--quick**: a smoke test, not a result)' : ''} on ${machine.cpu}, ${machine.nproc} cores (nproc), ` +
      `${machine.memoryGiB} GiB, ${machine.platform}; Node ${machine.node}; ptest ${machine.versions.ptest}` +
      `${machine.commit ? ` (${machine.commit})` : ''}, Jest ${machine.versions.jest}; **${opts.workers} workers** for every runner; ` +
      `median of ${opts.runs} timed run${opts.runs === 1 ? '' : 's'} after one untimed warm-up run each.`,
    '',
    `The suite: ${suite.fileCount} CommonJS test files (${suite.fileCount - suite.nodeFiles} under jsdom with React and Testing Library, ` +
      `${suite.nodeFiles} under node), ${suite.testCount} tests, ${results.suite.snapshots} stored snapshot files (written once by \`jest -u\`), ` +
      `${fmt(suite.sleepMs)} of real sleeps in all.`,
    '',
    '| runner | median wall | ratio vs jest | median CPU (ratio) | tests passed |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...runners.map((r) => {
      const c = cells[r.id];
      return `| ${r.label} | ${fmt(c.medianMs)} | ${c.ratio.toFixed(2)} | ${fmt(c.cpuMs)} (${(c.cpuMs / cpuBase).toFixed(2)}) | ${passedCell(r, c)} |`;
    }),
    '',
    'Wall time is the whole command, from spawn to exit, with `CI=1` (a missing snapshot fails); CPU is the user + system time ' +
      'of the command and every process it waited for (Linux `/proc/self/stat`). Every runner ran the same ' +
      'files in the same invocation, one process at a time, repetitions interleaved round-robin; ptest reads the suite\'s ' +
      '`jest.config.js` and plans from the duration history its warm-up wrote (deleted before the warm-ups). Every run of ' +
      `${runners.filter((r) => !r.reference).map((r) => r.label).join(', ')} passed every test, and no snapshot changed. ` +
      `Load average (1, 5, 15 min) before: ${load(loadBefore)}; after: ${load(loadAfter)}` +
      `${loadBefore[0] > 1.5 ? ' (other work was running on the machine: compare the ratios, not the seconds)' : ''}. ` +
      'Reproduce with `npm run bench:compat-jest`.',
  ];
  const table = lines.join('\n');

  const stamp = `${machine.date.slice(0, 16).replace(':', '-')}-compat-jest${opts.quick ? '-quick' : ''}`;
  const resultsDir = join(BENCH_DIR, 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${stamp}.json`), JSON.stringify(results, null, 2) + '\n');
  const tablePath = opts.quick ? join(resultsDir, `${stamp}.md`) : join(BENCH_DIR, 'COMPAT-JEST.md');
  writeBetweenMarkers(tablePath, table, '# ptest and Jest on the same Jest suite');
  console.log(`\n${table}\n\nbench compat-jest: samples in ${relative(ROOT, join(resultsDir, `${stamp}.json`))}, table in ${relative(ROOT, tablePath)}`);
}

await main();
