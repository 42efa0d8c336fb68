import { performance } from 'node:perf_hooks';
import type { Repeat, RunError, RunEvent, RunShard, StopReason } from '../model/events.js';
import type { RunSettings, WorkUnit } from '../model/protocol.js';
import type { Planner } from '../plan/planner.js';
import { ExitCode } from '../model/exit-codes.js';
import type { PoolKind } from '../config/options.js';
import { FORK_ENTRY, HOST_ENTRY, RUNTIME_ENTRY, WORKER_ENTRY } from '../runtime-paths.js';
import { afterPrebundle, prebundlerFor } from './prebundle.js';
import { Dispatcher, type DispatcherDeps } from './dispatcher.js';
import { ForkPool } from './fork-pool.js';
import type { Pool } from './pool.js';
import { ProcessPool } from './process-pool.js';
import { errorsOnce } from './repeated-errors.js';

/**
 * What a feed may do to the run: wake idle slots (units arrived), stop it (the build stopped),
 * stop some units where they run (their work was done elsewhere) while the run goes on, or count
 * failed tests towards --bail.
 */
export interface FedRun {
  wake(): void;
  stop(reason: StopReason): void;
  cancel(unitIds: readonly string[]): void;
  /** true once the failures counted reach --bail (the run stops for it, unless it had stopped already) */
  failed(count: number): boolean;
}

/** a source of units from outside the run, told when the run starts and when it stops early */
export interface RunFeed {
  start(run: FedRun): void;
  stop(reason: StopReason): void;
  /** only the failures it passes to `FedRun.failed` count towards --bail (a --queue job's: those the queue accepted) */
  readonly countsFailures?: boolean;
}

export interface RunUnitsOptions {
  settings: RunSettings;
  planner: Planner;
  dist: string;
  repeat: Repeat | null;
  shard: RunShard | null;
  bail: number;
  files: number;
  workerEnv: NodeJS.ProcessEnv;
  pool: PoolKind;
  maxWorkerMemoryMb: number | null;
  workerIdleMemoryMb: number | null;
  isolate: boolean;
  /** the files in the order the workers are expected to want them, to bundle them in on an empty cache */
  bundleOrder: readonly string[];
  /** feeds the planner from outside (a `--queue` build's units) */
  feed?: RunFeed;
  /** runs once the workers are gone, before run:end (globalSetup's teardown); its errors are reported */
  afterRun?: () => Promise<RunError[]>;
  emit: (event: RunEvent) => void;
}

/** what the dispatcher of a fed run takes from its feed: an early stop to pass on, and whether the feed counts the failures */
export function feedDeps(feed: RunFeed | undefined): Pick<DispatcherDeps, 'onStop' | 'failuresFromFeed'> {
  return feed ? { onStop: (reason) => feed.stop(reason), failuresFromFeed: feed.countsFailures === true } : {};
}

/** the dispatcher, as its feed drives it */
export function fedRun(dispatcher: Dispatcher): FedRun {
  return { wake: () => dispatcher.recheck(), stop: (reason) => dispatcher.stop(reason), cancel: (ids) => dispatcher.cancel(ids), failed: (count) => dispatcher.failed(count) };
}

function createPool(o: RunUnitsOptions): Pool {
  const onIdleDeath = (slot: number | null, message: string): void => {
    const who = slot === null ? 'the worker process' : `worker ${slot}`;
    o.emit({ type: 'error', error: { file: null, kind: 'crash', message: `${who} died between files: ${message}` } });
  };
  const common = { workerEntry: WORKER_ENTRY, maxMemoryMb: o.maxWorkerMemoryMb };
  if (o.pool === 'forks') return new ForkPool({ ...common, entry: FORK_ENTRY, env: o.workerEnv, onIdleDeath });
  const slots = Array.from({ length: o.settings.workerCount }, (_, slot) => slot);
  return new ProcessPool({ config: { ...common, slots }, entry: HOST_ENTRY, env: o.workerEnv, abortBy: 'command', onIdleDeath });
}

/**
 * Runs the units on a real pool of worker threads, from run:start to run:end, and stops early on
 * SIGINT/SIGTERM. Returns why it stopped early, if it did.
 */
export async function runUnits(units: readonly WorkUnit[], o: RunUnitsOptions): Promise<StopReason | undefined> {
  const t0 = performance.now();
  // a few bundles at a time, ahead of the workers: enough to stay ahead of them on an empty cache
  const prebundler = prebundlerFor(o.bundleOrder, o.settings, RUNTIME_ENTRY, Math.min(4, Math.max(2, o.settings.workerCount)));
  const pool = afterPrebundle(createPool(o), prebundler);
  const dispatcher = new Dispatcher({
    pool,
    planner: o.planner,
    settings: o.settings,
    emit: errorsOnce(o.emit),
    now: () => performance.now() - t0,
    timers: { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as NodeJS.Timeout) },
    bail: o.bail,
    recycleAboveBytes: o.workerIdleMemoryMb === null ? null : o.workerIdleMemoryMb * 1024 * 1024,
    isolate: o.isolate,
    // a fresh thread per file loads native addons again, which some cannot survive (node-canvas: SIGSEGV)
    ...(o.isolate && o.pool === 'threads' ? { lossHint: 'if a native addon crashes them (node-canvas does when a new thread loads it again), try --isolate modules or --pool forks' } : {}),
    ...feedDeps(o.feed),
  });
  // The first signal stops the run and still writes every report; a second one (an impatient
  // Ctrl-C) exits at once.
  let signals = 0;
  const interrupt = (): void => {
    if (signals++ > 0) process.exit(ExitCode.interrupted);
    dispatcher.stop('interrupt');
  };
  process.on('SIGINT', interrupt).on('SIGTERM', interrupt);
  o.emit({ type: 'run:start', runId: o.settings.runId, startedAt: new Date().toISOString(), workers: o.settings.workerCount, dist: o.dist, files: o.files, ...(o.repeat ? { repeat: o.repeat } : {}), ...(o.shard ? { shard: o.shard } : {}) });
  o.feed?.start(fedRun(dispatcher));
  try {
    await dispatcher.run(units);
  } finally {
    process.off('SIGINT', interrupt).off('SIGTERM', interrupt);
    await pool.destroy();
    for (const error of (await o.afterRun?.()) ?? []) o.emit({ type: 'error', error });
  }
  const stoppedBy = dispatcher.stoppedBy ?? null;
  o.emit({ type: 'run:end', wallMs: performance.now() - t0, interrupted: stoppedBy === 'interrupt', stoppedBy, notRun: dispatcher.notRun });
  return dispatcher.stoppedBy;
}
