// The frame of the compat benchmarks, compat.mjs (ptest and Vitest on a Vitest suite) and
// compat-jest.mjs (ptest and Jest on a Jest suite), in one place so that both time, check and
// report their runners alike. Each of them keeps its suite, its runners, its snapshot checks and
// its wording; `bench` is what compatBench returns for it.

import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { readArgs } from './args.mjs';
import { BENCH_DIR } from './generate.mjs';
import { writeBetweenMarkers } from './report.mjs';
import { PTEST_BIN, RUNNERS, runOnce } from './runners.mjs';
import { childCpuMs, gitCommit, machineInfo, median } from './stats.mjs';

export const ROOT = resolve(BENCH_DIR, '..');

export const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

// The counting of runners.mjs: ptest's JSON summary, and the JSON report Vitest and Jest share.
export const ptestCount = RUNNERS.find((r) => r.id.startsWith('ptest-')).count;
export const reportCount = RUNNERS.find((r) => r.id === 'vitest').count;

export const installed = (pkg) => existsSync(join(BENCH_DIR, 'node_modules', pkg, 'package.json'));

/** `name`: the script in bench/ and the prefix of its messages; `doc`: the page a full run rewrites, under `title`. */
export function compatBench({ name, doc, title }) {
  const usage = `usage: node bench/${name}.mjs [--runs N] [--workers N] [--ptest PATH] [--quick]
  --runs N      timed runs per runner after the warm-up (default 5; 1 with --quick)
  --workers N   workers for every runner (default 2)
  --ptest PATH  the bin/ptest to time (default ${relative(process.cwd(), PTEST_BIN) || PTEST_BIN}); it runs the dist/ beside it
  --quick       12 files instead of 60 and 1 run: an end-to-end check; ${doc} is left alone`;
  const fail = (message, code = 4) => {
    console.error(`bench ${name}: ${message}${code === 4 ? `\n${usage}` : ''}`);
    process.exit(code);
  };
  const parseArgs = (argv) => {
    const opts = readArgs(argv, {
      defaults: { runs: undefined, workers: 2, ptest: PTEST_BIN, quick: false },
      options: { '--runs': ['runs', Number], '--workers': ['workers', Number], '--ptest': ['ptest', (v) => resolve(v)], '--quick': ['quick', true] },
      aliases: { '-n': '--workers' },
      usage,
      fail,
    });
    opts.runs ??= opts.quick ? 1 : 5;
    if (!(opts.runs >= 1) || !(opts.workers >= 1)) fail('--runs and --workers take a positive number');
    return opts;
  };
  return { name, doc, title, fail, parseArgs };
}

/**
 * Checks that the ptest to time is built (and, with `requires`, what the bench needs installed),
 * writes the suite (`generate`, 12 files with --quick, else 60) and says what is about to run;
 * `files` words the suite's files in that line. The load averages start here, before the snapshots.
 */
export function setUp(bench, opts, { requires, generate, files = (suite) => `${suite.fileCount} files` }) {
  const ptestRoot = resolve(dirname(opts.ptest), '..');
  if (!existsSync(opts.ptest)) bench.fail(`no ptest binary at ${opts.ptest}`);
  if (!existsSync(join(ptestRoot, 'dist', 'runtime', 'cli.js'))) bench.fail(`${opts.ptest} runs ${join(ptestRoot, 'dist')}, which is not built: npm run build there`, 3);
  requires();

  const mode = opts.quick ? 'quick' : 'full';
  const scratch = join(BENCH_DIR, '.suites', bench.name, '.reports');
  mkdirSync(scratch, { recursive: true });
  const suite = generate({ out: join(BENCH_DIR, '.suites', bench.name, mode), files: opts.quick ? 12 : 60 });
  const machine = { ...machineInfo({ benchDir: BENCH_DIR, rootDir: ptestRoot }), commit: gitCommit(ptestRoot), ptestBin: opts.ptest };
  console.log(
    `bench ${bench.name}: ${mode} mode, ${files(suite)}, ${suite.testCount} tests, ${opts.workers} workers, ` +
      `${opts.runs} timed run(s) after 1 warm-up; ${machine.node}, ${machine.nproc} cores, ${machine.cpu}; ` +
      `ptest ${opts.ptest} (${machine.commit ?? 'no git'}); suite in ${relative(ROOT, suite.dir)}`,
  );
  // Other work on the machine skews every runner's times: the load averages go into the JSON.
  return { suite, scratch, machine, loadBefore: os.loadavg() };
}

/**
 * Writes the stored snapshots with the baseline's own engine (`args(report)`, its `-u`; CI unset),
 * so the timed runs (CI set: a missing snapshot fails) compare against its files; it must pass every test.
 */
export function updateSnapshots(bench, { tool, args: argsFor, count, suite, scratch }) {
  const report = join(scratch, `snapshots-${tool}.json`);
  rmSync(report, { force: true });
  const env = { ...process.env, NO_COLOR: '1' };
  delete env.CI;
  delete env.FORCE_COLOR;
  const args = argsFor(report);
  console.log(`bench ${bench.name}: writing snapshots: node ${relative(ROOT, args[0])} ${args.slice(1).join(' ')}`);
  const r = spawnSync(process.execPath, args, { cwd: suite.dir, env, encoding: 'utf8' });
  const log = join(scratch, `snapshots-${tool}.log`);
  writeFileSync(log, `--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}\n`);
  let counts;
  try {
    counts = count({ report });
  } catch (e) {
    bench.fail(`${tool} -u wrote no report (${e.message.split('\n')[0]}); see ${relative(ROOT, log)}`, 1);
  }
  if (r.status !== 0 || counts.passed !== suite.testCount || counts.failed > 0) {
    bench.fail(`${tool} -u: exit ${r.status}, ${counts.passed} of ${suite.testCount} passed; see ${relative(ROOT, log)}`, 1);
  }
}

/** sha256 of every stored snapshot and every test file (an inline snapshot lives in its test file), by path in `dir`. */
function snapshotHashes(dir, testDir, suffix) {
  const hashes = {};
  const add = (path) => (hashes[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex'));
  const snaps = join(dir, testDir, '__snapshots__');
  if (existsSync(snaps)) for (const f of readdirSync(snaps)) add(join(snaps, f));
  for (const f of readdirSync(join(dir, testDir))) if (f.endsWith(suffix)) add(join(dir, testDir, f));
  return hashes;
}

/**
 * One warm-up per runner, then `opts.runs` rounds. A runner marked `reference` need not pass, only
 * run every test; with `cpu`, each sample also gets the CPU time of the command and what it reaped.
 * The test files are the `suffix` files of `testDir` in the suite, their snapshots in its __snapshots__.
 */
export async function timeRunners(bench, { runners, suite, opts, scratch, testDir, suffix, labelWidth, cpu = false }) {
  const before = snapshotHashes(suite.dir, testDir, suffix);
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
    if (cpu) sample.cpuMs = childCpuMs() - cpuBefore;
    const status = sample.ok ? `ok, ${sample.passed} passed` : `${runner.reference ? 'reference' : 'FAILED'}: ${sample.error ?? ''}`;
    const cpuTime = cpu ? ` (cpu ${fmt(sample.cpuMs).padStart(8)})` : '';
    console.log(`   ${runner.label.padEnd(labelWidth)} ${tag.padEnd(7)} ${fmt(sample.wallMs).padStart(8)}${cpuTime}  ${status}`);
    // A reference run must still run every test; any other run that is not all green makes the
    // comparison meaningless: stop at once, naming the log.
    const counted = runner.reference ? sample.total === suite.testCount : sample.ok;
    if (!counted) bench.fail(`${runner.label} ${tag} failed: ${sample.error ?? `${sample.total} tests run`}; see ${relative(ROOT, sample.log ?? scratch)}`, 1);
    return sample;
  };
  for (const runner of runners) samples[runner.id].warmup = await run(runner, -1);
  // Round-robin, so drift on the machine affects every runner alike.
  for (let rep = 0; rep < opts.runs; rep++) {
    for (const runner of runners) samples[runner.id].timed.push(await run(runner, rep));
  }

  const after = snapshotHashes(suite.dir, testDir, suffix);
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => before[f] !== after[f]);
  if (changed.length > 0) bench.fail(`SNAPSHOTS CHANGED during the timed runs (no runner may write them with CI set): ${changed.join(', ')}`, 1);
  return { samples, snapshots: Object.keys(before).filter((f) => f.endsWith('.snap')).length };
}

/**
 * Per runner: median wall time, its ratio to `baseId`'s, the fewest tests passed in a timed run;
 * with `cpu`, the median CPU time; with a reference runner, whose runs may differ, the most passed.
 */
export function summarise(runners, samples, baseId, { cpu = false } = {}) {
  const base = median(samples[baseId].timed.map((s) => s.wallMs));
  const references = runners.some((r) => r.reference);
  return Object.fromEntries(
    runners.map((r) => {
      const timed = samples[r.id].timed;
      const walls = timed.map((s) => s.wallMs);
      const passed = timed.map((s) => s.passed);
      return [
        r.id,
        {
          medianMs: median(walls),
          ratio: median(walls) / base,
          ...(cpu && { cpuMs: median(timed.map((s) => s.cpuMs)) }),
          minPassed: Math.min(...passed),
          ...(references && { maxPassed: Math.max(...passed) }),
        },
      ];
    }),
  );
}

/** What goes into results/<date>-<name>.json; `loadavg.after` is taken now. */
export function compatResults(bench, { machine, opts, loadBefore, suite, snapshots, runners, cells, samples }) {
  const { files, dir, ...described } = suite;
  return {
    schema: `ptest-bench-${bench.name}/1`,
    machine,
    quick: opts.quick,
    workers: opts.workers,
    runs: opts.runs,
    loadavg: { before: loadBefore, after: os.loadavg() },
    suite: { ...described, dir: relative(ROOT, dir), snapshots },
    runners: runners.map((r) => ({
      id: r.id,
      label: r.label,
      ...('reference' in r && { reference: r.reference }),
      command: ['node', ...r.command({ dir: '<suite>', workers: opts.workers, report: '<report>' }).args.map((a) => (a.startsWith(ROOT) ? relative(ROOT, a) : a))],
    })),
    results: cells,
    samples,
  };
}

/** The first line of the markdown: when, on what, which versions against `versus` (Vitest or Jest), how. */
export function measuredLine(machine, opts, versus) {
  return (
    `Measured ${machine.date.slice(0, 10)}${opts.quick ? ' (**--quick**: a smoke test, not a result)' : ''} on ${machine.cpu}, ${machine.nproc} cores (nproc), ` +
    `${machine.memoryGiB} GiB, ${machine.platform}; Node ${machine.node}; ptest ${machine.versions.ptest}` +
    `${machine.commit ? ` (${machine.commit})` : ''}, ${versus} ${machine.versions[versus.toLowerCase()]}; **${opts.workers} workers** for every runner; ` +
    `median of ${opts.runs} timed run${opts.runs === 1 ? '' : 's'} after one untimed warm-up run each.`
  );
}

/** Writes the JSON, and `table` between the markers of the bench's page (a file of its own beside the JSON with --quick). */
export function writeResults(bench, { machine, opts, results, table }) {
  const stamp = `${machine.date.slice(0, 16).replace(':', '-')}-${bench.name}${opts.quick ? '-quick' : ''}`;
  const resultsDir = join(BENCH_DIR, 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${stamp}.json`), JSON.stringify(results, null, 2) + '\n');
  const tablePath = opts.quick ? join(resultsDir, `${stamp}.md`) : join(BENCH_DIR, bench.doc);
  writeBetweenMarkers(tablePath, table, bench.title);
  console.log(`\n${table}\n\nbench ${bench.name}: samples in ${relative(ROOT, join(resultsDir, `${stamp}.json`))}, table in ${relative(ROOT, tablePath)}`);
}
