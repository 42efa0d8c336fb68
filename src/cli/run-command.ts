import { existsSync, realpathSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { KeepSandbox, Options } from '../config/options.js';
import { hashFiles } from '../history/file-hashes.js';
import { RunQuarantine } from '../quarantine/run-quarantine.js';
import type { RunEvent } from '../model/events.js';
import { RunAggregate } from '../report/aggregate.js';
import { createReporters } from '../report/create-reporters.js';
import { ReporterSet } from '../report/reporter.js';
import { colorLevel } from '../report/terminal/colors.js';
import { runUnits } from '../run/run-units.js';
import { OWN_DIR } from '../runtime-paths.js';
import { dispatchOrder } from '../plan/dispatch-order.js';
import { isFailure } from '../model/outcome.js';
import { runSandboxDir, SANDBOX_BASE } from '../sandbox/paths.js';
import { createRunSandbox, removeRunSandbox, sweepAbandoned } from '../sandbox/run-sandbox.js';
import { ExitCode } from '../model/exit-codes.js';
import type { RunReport } from '../report/run-report.js';
import { finishRun } from './finish-run.js';
import { runGlobalSetup, skipRun } from './global-setup.js';
import { noTestFiles, prepareUnits } from './prepare-units.js';

/**
 * `ptest [paths]`: discover → plan → run → report, then the history and the exit code. Wiring
 * only: each stage's decisions live in its own module.
 */
export interface RunIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  warn: (line: string) => void;
}

export async function runCommand(options: Options, io: RunIO): Promise<ExitCode> {
  const prepared = await prepareUnits(options, io.cwd, io.warn);
  const { files, history, repeat, shard } = prepared;
  if (files.length === 0) {
    io.warn(noTestFiles(options));
    await writeEmptyReports(options, io);
    return ExitCode.noTests;
  }
  // a bad quarantine file or reporter path stops the run before it joins a queue (and, as leader, publishes a plan)
  const quarantine = await RunQuarantine.load(options.quarantine);
  const reporters = new ReporterSet(await createReporters(options.reporters, options.root, io.cwd, [OWN_DIR], io.env), io.warn);
  const aggregate = new RunAggregate(quarantine.ids);
  // this run's own reports; in a --queue job, each unit's events reach them once the queue took them
  const local = (event: RunEvent): void => {
    aggregate.onEvent(event);
    reporters.onEvent(event);
  };
  // the Redis client is a third of the CLI's code: only a queue job loads it
  const queueJob = options.queue ? await import('./queue-job.js') : null;
  const joined = queueJob ? await queueJob.joinQueueOrShard(options, prepared.units, io, local) : null;
  if (joined && 'fallback' in joined) return runCommand(joined.fallback, io);
  const job = joined?.job;
  // a job of a queue gets its units as it goes, from the queue (a CI retry: the units it had before)
  const units = job ? (job.replay ?? []) : prepared.units;
  const planner = job?.planner ?? prepared.planner;
  const workerCount = job ? Math.max(1, Math.min(options.workers, job.replay?.length ?? job.total)) : prepared.workerCount;
  if (options.quarantine.auto && !options.history) io.warn('ptest: --auto-quarantine judges tests by their history, and --no-history leaves none: nothing will be added');
  const runId = randomUUID();
  // read while the tests run: the history keeps outcomes before and after an edit apart
  const hashes = options.history ? hashFiles(options.root, files) : Promise.resolve({});
  const sandbox = { runDir: runSandboxDir(SANDBOX_BASE, runId), copy: options.sandboxCopy };
  await sweepAbandoned(SANDBOX_BASE);
  await createRunSandbox(sandbox.runDir);
  // a queue job's output is for its own terminal: the build's report does not carry it
  const emit = job ? (event: RunEvent): void => (event.type === 'output' ? reporters.onEvent(event) : job.feed.observe(event)) : local;
  const cacheDir = cacheDirOf(options.root);
  const global = await runGlobalSetup(options.globalSetup, cacheDir, options.root);
  const stoppedBy = 'failures' in global
    ? skipRun(units, global.failures, { runId, workers: workerCount, dist: options.dist, shard, emit })
    : await runUnits(units, {
        settings: { root: options.root, runId, workerCount, timeoutMs: options.timeoutMs, grep: options.grep, cacheDir, sandbox, setupWorker: options.setupWorker, provided: global.provided, reruns: options.reruns, skipIds: quarantine.skipIds, compat: options.compat, isolateModules: options.isolate === 'modules', freshWorkerPerFile: options.isolate === 'worker', ...(options.silent ? { silent: true } : {}) },
        planner,
        dist: options.dist,
        repeat,
        shard,
        bail: options.bail,
        files: files.length,
        workerEnv: workerEnv(io.env),
        pool: options.pool,
        maxWorkerMemoryMb: options.maxWorkerMemoryMb,
        workerIdleMemoryMb: options.workerIdleMemoryMb,
        isolate: options.isolate === 'worker',
        bundleOrder: job ? units.map((unit) => unit.file) : dispatchOrder(prepared.freshPlanner(), units, workerCount),
        afterRun: global.teardown,
        ...(job ? { feed: job.feed } : {}),
        emit,
      });
  await job?.feed.finish();
  const report = aggregate.report();
  report.filtered = options.grep !== null || options.paths.length > 0 || options.lastFailed;
  const kept = await removeRunSandbox(sandbox.runDir, workerCount, keepSandbox(options.keepSandbox, report));
  for (const { slot, dir } of kept) io.warn(`ptest: kept the sandbox of worker ${slot}: ${dir}`);
  const fileHashes = await hashes;
  const finishOwn = (): Promise<ExitCode> => finishRun(report, {
    options,
    history,
    parts: [report],
    fileHashes,
    quarantine,
    // only a run of every test can tell that a quarantined test is gone
    // (paths are fine: only the files they chose are judged)
    complete: options.grep === null && !options.lastFailed && stoppedBy === undefined && !shard && !job,
    files,
    reporters,
    stoppedBy,
    warn: io.warn,
    queueShare: job !== undefined,
  });
  return job && queueJob ? queueJob.finishJob(job, finishOwn, options, io) : finishOwn();
}

/** which worker sandboxes `--keep-sandbox` keeps: all, none, or those of workers a test failed on */
function keepSandbox(when: KeepSandbox, report: RunReport): (slot: number) => boolean {
  if (when !== 'failed') return () => when === 'always';
  const failedOn = new Set(report.tests.filter((t) => isFailure(t.status)).map((t) => t.worker));
  return (slot) => failedOn.has(slot);
}

/**
 * Bundled test files are cached where tools conventionally cache (and git ignores), under the real
 * node_modules: Node loads a bundle by its real path, from which the source map's relative paths
 * are read, while esbuild writes them relative to the path it was given. Through a symlinked
 * node_modules the two differ, and a failure would point at a file beside the link's target.
 */
export function cacheDirOf(root: string): string {
  const modules = join(root, 'node_modules');
  const real = existsSync(modules) ? realpathSync(modules) : modules;
  return join(real, '.cache', 'ptest', 'bundles');
}

/**
 * Workers print nothing themselves, but expect's diffs should be coloured when ours are. The
 * queue's URL (with its password) is ptest's, not the tests'.
 */
function workerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const level = colorLevel(env, Boolean(process.stdout.isTTY));
  const { PTEST_REDIS_URL: _password, ...rest } = env;
  return { ...rest, FORCE_COLOR: String(level) };
}

/**
 * A run that found nothing to run still writes the report files it was asked for, empty, as every
 * run writes them: a CI step that keeps the JSON or JUnit report would fail on a missing file.
 * The terminal's say is the line above.
 */
async function writeEmptyReports(options: Options, io: RunIO): Promise<void> {
  const files = options.reporters.filter((spec) => spec.name !== 'default' && spec.name !== 'github');
  if (files.length === 0) return;
  const reporters = (await createReporters(files, options.root, io.cwd, [OWN_DIR], io.env)).filter(({ name }) => name !== 'verdict');
  const aggregate = new RunAggregate();
  aggregate.onEvent({ type: 'run:start', runId: randomUUID(), startedAt: new Date().toISOString(), workers: 0, dist: options.dist, files: 0 });
  aggregate.onEvent({ type: 'run:end', wallMs: 0, interrupted: false, stoppedBy: null, notRun: { tests: [], files: [] } });
  await new ReporterSet(reporters, io.warn).onRunEnd(aggregate.report());
}
