#!/usr/bin/env node
// The queue benchmark (the --queue issue's target): the skewed suite run by 4 CI jobs of 2 workers
// at once on this machine, one job slowed (its tests' sleeps scaled by PTEST_BENCH_SLOW), once
// sharing the suite through a real Redis (`--queue`) and once as static duration-balanced shards
// (`--shard i/4`). Reports each build's wall time (first spawn to last exit) against the ideal for
// the capacity that is left. See bench/README.md and bench/QUEUE.md.
//
//   node bench/queue.mjs [--runs N] [--jobs N] [--workers N] [--slow F] [--scale F] [--ptest PATH] [--quick]

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readArgs } from './args.mjs';
import { BENCH_DIR, generate } from './generate.mjs';
import { writeBetweenMarkers } from './report.mjs';
import { PTEST_BIN } from './runners.mjs';
import { machineInfo, median } from './stats.mjs';

const ROOT = resolve(BENCH_DIR, '..');
const TARGET = 1.15;
const JOB_TIMEOUT_MS = 300_000;
const USAGE = `usage: node bench/queue.mjs [--runs N] [--jobs N] [--workers N] [--slow F] [--scale F] [--ptest PATH] [--quick]
  --runs N      timed builds per mode, interleaved, after one untimed build of each (default 3; 1 with --quick)
  --jobs N      CI jobs per build, started together on this machine (default 4)
  --workers N   workers per job (default 2)
  --slow F      the slowed job's tests sleep F times as long (PTEST_BENCH_SLOW=F; default 3)
  --scale F     every test of the suite takes F times as long (default 1): a longer build, whose
                start-up and hand-over costs weigh less, as in a CI build of minutes; its table
                goes to its own block of QUEUE.md
  --ptest PATH  the bin/ptest to time (default ${relative(process.cwd(), PTEST_BIN) || PTEST_BIN}); it runs the dist/ beside it
  --quick       the suite scaled down ten times and 1 run: an end-to-end check; QUEUE.md is left alone`;

function parseArgs(argv) {
  const opts = readArgs(argv, {
    defaults: { runs: undefined, jobs: 4, workers: 2, slow: 3, scale: 1, ptest: PTEST_BIN, quick: false },
    options: {
      '--runs': ['runs', Number],
      '--jobs': ['jobs', Number],
      '--workers': ['workers', Number],
      '--slow': ['slow', Number],
      '--scale': ['scale', Number],
      '--ptest': ['ptest', (v) => resolve(v)],
      '--quick': ['quick', true],
    },
    aliases: { '-n': '--workers' },
    usage: USAGE,
    fail,
  });
  opts.runs ??= opts.quick ? 1 : 3;
  if (![opts.runs, opts.jobs, opts.workers].every((n) => Number.isInteger(n) && n >= 1)) fail('--runs, --jobs and --workers take a positive whole number');
  if (opts.jobs < 2) fail('--jobs: at least 2 (one of them is slowed)');
  if (!(opts.slow >= 1)) fail('--slow takes a number >= 1');
  if (!(opts.scale > 0)) fail('--scale takes a number > 0');
  return opts;
}

function fail(message, code = 4) {
  console.error(`bench queue: ${message}${code === 4 ? `\n${USAGE}` : ''}`);
  cleanup();
  process.exit(code);
}

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

function gitCommit(cwd) {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

// ---- everything started here is stopped here, by its own pid (process group for the jobs) ----

let redis = null; // { child, dir }
const running = new Set(); // job children, each the leader of its own process group

function cleanup() {
  for (const child of running) {
    try { process.kill(-child.pid, 'SIGKILL'); } catch {}
  }
  running.clear();
  if (redis) {
    try { redis.child.kill('SIGTERM'); } catch {}
    try { rmSync(redis.dir, { recursive: true, force: true }); } catch {}
    redis = null;
  }
}
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`bench queue: ${signal}: stopping the jobs and redis-server`);
    cleanup();
    process.exit(130);
  });
}

/** A loopback port nobody listens on right now (the OS picks it). */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

function ping(port) {
  return new Promise((resolvePing) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const done = (ok) => (socket.destroy(), resolvePing(ok));
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => {
      reply += d;
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

/** A real redis-server of our own: free loopback port, no persistence, a temporary directory. */
async function startRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(os.tmpdir(), 'ptest-bench-redis-'));
  const log = openSync(join(dir, 'redis.log'), 'w');
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: ['ignore', log, log],
  });
  redis = { child, dir };
  let spawnError = null;
  child.on('error', (e) => (spawnError = e));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (spawnError) fail(`cannot start redis-server (${spawnError.message}): install it (apt-get install redis-server)`, 3);
    if (child.exitCode !== null) fail(`redis-server exited with ${child.exitCode}: ${readFileSync(join(dir, 'redis.log'), 'utf8').slice(-2000)}`, 3);
    if (await ping(port)) {
      const version = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout.match(/v=(\S+)/)?.[1] ?? 'unknown';
      return { url: `redis://127.0.0.1:${port}`, port, version, pid: child.pid };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  fail(`redis-server on port ${port} did not answer PING within 10 s`, 3);
}

// ---- one build: every job spawned together, timed from the first spawn to the last exit ----

/**
 * Spawns every job of `jobs` ({ args, env, log }) at once; resolves with each job's exit code and
 * wall time (from the first spawn) and the build's wall time (first spawn to last exit).
 */
function runBuild(jobs, cwd) {
  const t0 = performance.now();
  return Promise.all(
    jobs.map(
      (job) =>
        new Promise((resolveJob) => {
          const fd = openSync(job.log, 'w');
          writeFileSync(fd, `$ ${Object.entries(job.envShown).map(([k, v]) => `${k}=${v} `).join('')}node ${job.args.join(' ')}\n(cwd ${cwd})\n`);
          const child = spawn(process.execPath, job.args, { cwd, env: job.env, stdio: ['ignore', fd, fd], detached: true });
          closeSync(fd);
          running.add(child);
          let exitMs;
          const timer = setTimeout(() => {
            try { process.kill(-child.pid, 'SIGKILL'); } catch {}
          }, JOB_TIMEOUT_MS);
          child.on('exit', () => (exitMs = performance.now() - t0));
          child.on('close', (code, signal) => {
            clearTimeout(timer);
            running.delete(child);
            resolveJob({ code: code ?? signal, wallMs: Math.round(exitMs ?? performance.now() - t0) });
          });
        }),
    ),
  ).then((results) => ({ results, wallMs: Math.max(...results.map((r) => r.wallMs)) }));
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const ptestRoot = resolve(dirname(opts.ptest), '..');
  if (!existsSync(opts.ptest)) fail(`no ptest binary at ${opts.ptest}`);
  if (!existsSync(join(ptestRoot, 'dist', 'runtime', 'cli.js'))) fail(`${opts.ptest} runs ${join(ptestRoot, 'dist')}, which is not built: npm run build there`, 3);

  const mode = `${opts.quick ? 'quick' : 'full'}${opts.scale === 1 ? '' : `-x${opts.scale}`}`;
  const suitesDir = join(BENCH_DIR, '.suites', mode);
  const scratch = join(suitesDir, '.reports', 'queue');
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const [scenario] = generate({ quick: opts.quick, scale: opts.scale, out: suitesDir, only: ['skewed'], dirs: { 'ptest-queue': 'ptest' } });
  const dir = scenario.dirs['ptest-queue'];
  const { jobs: J, workers: W, slow: S } = opts;

  // The best any split could do with one job's workers running at 1/S speed: the suite's test time
  // (as generated, unslowed) over the capacity left, or the longest test if that is longer.
  const capacity = W * (J - 1) + W / S;
  const idealMs = Math.max(scenario.totalMs / capacity, scenario.longestTestMs);
  const idealFormula =
    `ideal = max(T / (W·(J−1) + W/s), longest test) = max(${fmt(scenario.totalMs)} / (${W}·${J - 1} + ${W}/${S}), ${fmt(scenario.longestTestMs)}) = ${fmt(idealMs)}`;

  // Other work on the machine skews every build's times: the load averages go into the JSON.
  const loadBefore = os.loadavg();
  const server = await startRedis();
  const machine = {
    ...machineInfo({ benchDir: BENCH_DIR, rootDir: ptestRoot }),
    commit: gitCommit(ptestRoot),
    ptestBin: opts.ptest,
    redis: server.version,
  };
  console.log(
    `bench queue: skewed suite (${scenario.fileCount} files, ${scenario.testCount} tests, ${fmt(scenario.totalMs)}), ` +
      `${J} jobs x ${W} workers at once, one slowed x${S}; ${opts.runs} timed build(s) per mode; ${machine.nproc} cores, ${machine.cpu}; ` +
      `ptest ${opts.ptest} (${machine.commit ?? 'no git'}); redis-server ${server.version} on ${server.url} (pid ${server.pid})\n` +
      `bench queue: ${idealFormula}`,
  );

  // Each process gets a TMPDIR of its own, as a job on its own CI machine has (ptest's worker
  // sandboxes live there): no job meets another's sandboxes, or those of other ptest runs on this
  // machine. A shared one once failed a job with exit 3, see bench/QUEUE.md.
  const tmpRoot = join(scratch, 'tmp');
  const env = (slowed, name) => {
    const e = { ...process.env, NO_COLOR: '1', CI: '1', TMPDIR: join(tmpRoot, name) };
    mkdirSync(e.TMPDIR, { recursive: true });
    for (const k of ['FORCE_COLOR', 'PTEST_BENCH_SLOW', 'PTEST_BUILD_ID', 'PTEST_REDIS_URL', 'PTEST_SHARD']) delete e[k];
    if (slowed) e.PTEST_BENCH_SLOW = String(S);
    return e;
  };

  // The history of one unsharded, unslowed run, handed to every job of every build as a CI cache
  // restore would: each job reads and writes its own copy, so no build plans from another's times.
  rmSync(join(dir, '.ptest'), { recursive: true, force: true });
  const snapshot = join(scratch, 'history.json');
  {
    const report = join(scratch, 'warm-up.json');
    const log = join(scratch, 'warm-up.log');
    const args = [opts.ptest, '--root', dir, '-n', String(W), '--history', snapshot, '--reporter', `json:${report}`];
    const { results, wallMs } = await runBuild([{ args, env: env(false, 'warm-up'), envShown: {}, log }], dir);
    const r = existsSync(report) ? readJson(report) : null;
    if (results[0].code !== 0 || r?.summary.passed !== scenario.testCount) fail(`warm-up run failed (exit ${results[0].code}); see ${relative(ROOT, log)}`, 1);
    console.log(`   warm-up (unsharded, ${W} workers, writes the history and bundle cache)  ${fmt(wallMs)}`);
  }

  // The two builds the target compares, and a reference: the queue with no job slowed, whose
  // distance from its own ideal (T / (J·W)) is what J concurrent jobs cost on this machine anyway.
  const MODES = [
    { id: 'queue', kind: 'queue', slowed: true, label: `ptest --queue (${J} jobs, one Redis)`, idealMs },
    { id: 'shards', kind: 'shards', slowed: true, label: `ptest --shard k/${J} (static)`, idealMs },
    { id: 'queue-even', kind: 'queue', slowed: false, label: 'reference: ptest --queue, no job slowed', idealMs: Math.max(scenario.totalMs / (J * W), scenario.longestTestMs) },
  ];

  /** One build of `mode`, job `slowJob` (1-based; 0: none) slowed; checked, or it stops the bench. */
  const build = async (mode, tag, slowJob) => {
    const { kind } = mode;
    const name = `${mode.id}-${tag}`;
    const buildId = `bench-queue-${Date.now().toString(36)}-${name}-${Math.random().toString(36).slice(2, 8)}`;
    const jobs = Array.from({ length: J }, (_, i) => {
      const k = i + 1;
      const history = join(scratch, `${name}-j${k}-history.json`);
      copyFileSync(snapshot, history);
      const report = join(scratch, `${name}-j${k}.json`);
      // the slowed job's longest test, scaled, must not meet ptest's default 5 s timeout
      const common = ['-n', String(W), '--root', dir, '--history', history, '--reporter', `json:${report}`, '--timeout', String(Math.max(5000, Math.ceil(scenario.longestTestMs * S * 2)))];
      const args =
        kind === 'queue'
          ? [opts.ptest, '--queue', server.url, '--build-id', buildId, '--job-id', `j${k}`, ...common]
          : [opts.ptest, '--shard', `${k}/${J}`, ...common];
      const e = env(k === slowJob, `${name}-j${k}`);
      const envShown = { ...(k === slowJob && { PTEST_BENCH_SLOW: S }), TMPDIR: e.TMPDIR };
      return { k, args, env: e, envShown, log: join(scratch, `${name}-j${k}.log`), report };
    });
    const { results, wallMs } = await runBuild(jobs, dir);
    const bad = (message) => fail(`${name}: ${message}; see ${relative(ROOT, scratch)}/${name}-*.log`, 1);
    results.forEach((r, i) => r.code !== 0 && bad(`job ${i + 1} exited with ${r.code}`));
    const reports = jobs.map((j) => (existsSync(j.report) ? readJson(j.report) : bad(`job ${j.k} wrote no report`)));
    const perJob = jobs.map((j, i) => ({
      job: j.k,
      slowed: j.k === slowJob,
      wallMs: results[i].wallMs,
      tests: reports[i].summary.total,
      passed: reports[i].summary.passed,
      ownWallMs: Math.round(reports[i].wallMs),
      // what this job ran, by its own report: each unit's file, start and duration (ms, the job's clock)
      units: (reports[i].timeline ?? []).map((u) => ({ worker: u.worker, file: u.file, startMs: Math.round(u.startMs), ms: Math.round(u.endMs - u.startMs) })),
    }));
    const counted = sum(perJob.map((j) => j.tests));
    if (counted !== scenario.testCount) bad(`the jobs' own reports hold ${counted} tests, the suite has ${scenario.testCount}`);
    if (perJob.some((j) => j.passed !== j.tests)) bad(`not every test passed: ${perJob.map((j) => `${j.passed}/${j.tests}`).join(', ')}`);
    const sample = { mode: mode.id, tag, slowJob: slowJob || null, buildId: kind === 'queue' ? buildId : undefined, wallMs, ratio: +(wallMs / mode.idealMs).toFixed(3), jobs: perJob };
    if (kind === 'queue') {
      // the whole build's report, as the CI's last step would write it (not timed)
      const report = join(scratch, `${name}-build.json`);
      const log = join(scratch, `${name}-report.log`);
      const args = [opts.ptest, 'report', '--queue', server.url, '--build-id', buildId, '--root', dir, '--no-history', '--queue-timeout', '60000', '--reporter', `json:${report}`];
      const t = performance.now();
      const r = spawnSync(process.execPath, args, { cwd: dir, env: env(false, `${name}-report`), encoding: 'utf8', timeout: 120_000 });
      writeFileSync(log, `$ node ${args.join(' ')}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}\n`);
      if (r.status !== 0) bad(`ptest report exited with ${r.status ?? r.signal}`);
      const s = readJson(report).summary;
      if (s.total !== scenario.testCount || s.passed !== scenario.testCount || s.failed + s.errors + s.notRun > 0) {
        bad(`ptest report: ${s.passed} of ${s.total} passed (${s.failed} failed, ${s.errors} errors, ${s.notRun} not run), the suite has ${scenario.testCount}`);
      }
      sample.buildReport = { total: s.total, passed: s.passed, ms: Math.round(performance.now() - t) };
    } else {
      const plans = new Set(reports.map((r) => r.shard?.planId));
      if (plans.size !== 1) bad(`the shards disagreed on the plan: ${[...plans].join(', ')}`);
      sample.planId = [...plans][0];
    }
    const slowed = perJob.find((j) => j.slowed);
    sample.othersMaxWallMs = Math.max(...perJob.filter((j) => !j.slowed).map((j) => j.wallMs));
    if (slowed) {
      sample.slowedWallMs = slowed.wallMs;
      sample.slowedTests = slowed.tests;
      // the slowed job's longest unit, as it ran there (so already slowed)
      sample.slowedLongestUnitMs = Math.max(0, ...slowed.units.map((u) => u.ms));
    }
    console.log(
      `   ${mode.id.padEnd(10)} ${tag.padEnd(7)} ${slowJob ? `job ${slowJob} slowed` : 'none slowed '}  build ${fmt(wallMs)} (${sample.ratio.toFixed(2)} x its ideal)  ` +
        `jobs ${perJob.map((j) => `${j.slowed ? '*' : ''}${fmt(j.wallMs)}/${j.tests}t`).join(' · ')}` +
        (kind === 'queue' ? `  build report ${sample.buildReport.passed}/${sample.buildReport.total} passed` : ''),
    );
    return sample;
  };

  // One untimed build of each kind (caches, page cache, ioredis read once), then the timed builds,
  // round-robin over the modes with the first mode rotating; the slowed job's index rotates over
  // the runs and is the same for every mode of a run.
  const warm = [await build(MODES[0], 'warm-up', 1), await build(MODES[1], 'warm-up', 1)];
  const samples = Object.fromEntries(MODES.map((m) => [m.id, []]));
  for (let rep = 0; rep < opts.runs; rep++) {
    const slowJob = (rep % J) + 1;
    const order = [...MODES.slice(rep % MODES.length), ...MODES.slice(0, rep % MODES.length)];
    for (const mode of order) samples[mode.id].push(await build(mode, `run${rep + 1}`, mode.slowed ? slowJob : 0));
  }
  cleanup();

  const cells = Object.fromEntries(
    MODES.map((m) => {
      const xs = samples[m.id];
      const wall = median(xs.map((s) => s.wallMs));
      return [m.id, {
        idealMs: m.idealMs,
        wallMs: wall,
        ratio: wall / m.idealMs,
        slowedWallMs: m.slowed ? median(xs.map((s) => s.slowedWallMs)) : null,
        othersMaxWallMs: median(xs.map((s) => s.othersMaxWallMs)),
        slowedTests: m.slowed ? xs.map((s) => s.slowedTests) : null,
        slowedLongestUnitMs: m.slowed ? xs.map((s) => s.slowedLongestUnitMs) : null,
      }];
    }),
  );
  const met = cells.queue.ratio <= TARGET;
  // The same target with this machine's own cost of J concurrent jobs taken out: the slowed queue
  // build's wall over the unslowed reference's, each pair from the same run (so drift on the machine
  // hits both), against the ratio of their ideals (T / (W·(J−1) + W/s) over T / (J·W)).
  const idealRatio = idealMs / MODES[2].idealMs;
  const pairs = samples.queue.map((s, i) => s.wallMs / samples['queue-even'][i].wallMs);
  const normalised = { pairs: pairs.map((r) => +r.toFixed(3)), median: median(pairs), idealRatio };
  normalised.ratio = normalised.median / idealRatio;
  normalised.met = normalised.ratio <= TARGET;
  const loadAfter = os.loadavg();

  const day = machine.date.slice(0, 10);
  const lines = [
    `Measured ${day}${opts.quick ? ' (**--quick**: a smoke test, not a result)' : ''} on ${machine.cpu}, ${machine.nproc} cores (nproc), ` +
      `${machine.memoryGiB} GiB, ${machine.platform}; Node ${machine.node}; ptest ${machine.versions.ptest}${machine.commit ? ` (${machine.commit})` : ''}; ` +
      `redis-server ${server.version} on loopback; the skewed suite${opts.scale === 1 ? '' : ` at ${opts.scale}x its durations`} (${scenario.fileCount} files, ${scenario.testCount} tests, ${fmt(scenario.totalMs)} of sleeps); ` +
      `**${J} jobs of ${W} workers, all at once on this machine, one of them slowed ${S}x**; median of ${opts.runs} build${opts.runs === 1 ? '' : 's'} per mode after one untimed build of each.`,
    '',
    `${idealFormula}, where T is the suite's unslowed test time, W the workers per job, J the jobs and s the slow factor ` +
      `(the slowed job's ${W} workers count as ${W}/${S}). The reference row's ideal is T / (J·W) = ${fmt(MODES[2].idealMs)}.`,
    '',
    '| build | wall (median) | ideal | wall / ideal | slowed job\'s wall | other jobs\' slowest wall | tests run by the slowed job (each build) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...MODES.map((m) => {
      const c = cells[m.id];
      const slowedTests = c.slowedTests ? `${c.slowedTests.join(', ')} of ${scenario.testCount}` : '–';
      return `| ${m.label} | ${fmt(c.wallMs)} | ${fmt(c.idealMs)} | ${c.ratio.toFixed(2)} | ${c.slowedWallMs == null ? '–' : fmt(c.slowedWallMs)} | ${fmt(c.othersMaxWallMs)} | ${slowedTests} |`;
    }),
    '',
    `Target (the queue build within ${Math.round((TARGET - 1) * 100)}% of the ideal): **${met ? 'held' : 'missed'}**, ${cells.queue.ratio.toFixed(2)} x ideal; ` +
      `the static shards are at ${cells.shards.ratio.toFixed(2)}, so the queue build takes ${(cells.queue.wallMs / cells.shards.wallMs).toFixed(2)} of the shards' wall time.`,
    '',
    `Normalised for this machine (what ${J} jobs at once cost here, taken out): the slowed queue build's wall over the unslowed reference build's, ` +
      `each pair from the same run, is ${normalised.pairs.map((r) => r.toFixed(2)).join(', ')} (median **${normalised.median.toFixed(2)}**) against an ideal ratio of ` +
      `${fmt(idealMs)} / ${fmt(MODES[2].idealMs)} = ${idealRatio.toFixed(2)}: **${normalised.ratio.toFixed(2)} x** the ideal ratio, target ` +
      `**${normalised.met ? 'held' : 'missed'}** in these terms. (The shards over the same reference: ${(cells.shards.wallMs / cells['queue-even'].wallMs).toFixed(2)}.)`,
    '',
    // (the benchmark's own jobs make the load after it high: only the load before says whether other work was running)
    `Load average (1 min) before the benchmark: ${loadBefore[0].toFixed(2)} on ${machine.nproc} cores` +
      `${loadBefore[0] > machine.nproc * 0.5 ? ' (other work was running on the machine: compare the ratios, not the seconds)' : ''}; after it, with its own jobs: ${loadAfter[0].toFixed(2)}.`,
    '',
    `Method: a build's ${J} \`ptest\` processes are spawned together and its wall time runs from the first spawn to the last exit; ` +
      `the slowed job gets \`PTEST_BENCH_SLOW=${S}\`, which multiplies every sleep of the generated tests (its index rotates over the runs, the same for every mode of a run). ` +
      `Queue jobs share one \`--build-id\` per build on a redis-server of the benchmark's own; shards run \`--shard k/${J}\`. Every job plans from its own copy of one history ` +
      `(an unsharded, unslowed warm-up run), so the shards are duration-balanced; the modes take turns. ` +
      `A build counts only if every job exits 0 and the counts add up: for the queue, \`ptest report\`'s summary (all ${scenario.testCount} passed) and the jobs' own reports; for shards, the shard reports and one plan id. ` +
      `Reproduce with \`npm run bench:queue${opts.scale === 1 ? '' : ` -- --scale ${opts.scale}`}\`.`,
  ];
  const table = lines.join('\n');

  const stamp = `${machine.date.slice(0, 16).replace(':', '-')}-queue${opts.scale === 1 ? '' : `-x${opts.scale}`}${opts.quick ? '-quick' : ''}`;
  const resultsDir = join(BENCH_DIR, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const { files, dirs, ...described } = scenario;
  const results = {
    schema: 'ptest-bench-queue/1',
    machine,
    quick: opts.quick,
    jobs: J,
    workers: W,
    slow: S,
    scale: opts.scale,
    runs: opts.runs,
    loadavg: { before: loadBefore, after: loadAfter },
    suite: { ...described, dir: relative(ROOT, dir) },
    ideal: { ms: idealMs, capacity, formula: idealFormula, referenceMs: MODES[2].idealMs },
    target: TARGET,
    met,
    normalised,
    results: cells,
    samples,
    warmup: warm,
  };
  writeFileSync(join(resultsDir, `${stamp}.json`), JSON.stringify(results, null, 2) + '\n');
  if (!opts.quick) writeBetweenMarkers(join(BENCH_DIR, 'QUEUE.md'), table, '# ptest queue benchmark results', opts.scale === 1 ? '' : `x${opts.scale}`);
  console.log(`\n${table}\n\nbench queue: samples in ${relative(ROOT, join(resultsDir, `${stamp}.json`))}${opts.quick ? '' : ', table in bench/QUEUE.md'}`);
}

await main();
