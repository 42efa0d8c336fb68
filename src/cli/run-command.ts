import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { colorLevel } from '../report/terminal/colors.js';
import type { Options } from '../config/options.js';
import { findFiles } from '../discover/find-files.js';
import type { RunEvent } from '../model/events.js';
import type { RunSettings, WorkUnit } from '../model/protocol.js';
import { createPlanner } from '../plan/create-planner.js';
import { RunAggregate } from '../report/aggregate.js';
import { createReporters } from '../report/create-reporters.js';
import { ReporterSet } from '../report/reporter.js';
import type { RunReport } from '../report/run-report.js';
import { Dispatcher, type StopReason } from '../run/dispatcher.js';
import { WorkerPool } from '../run/worker-pool.js';
import { OWN_DIR, WORKER_ENTRY } from '../runtime-paths.js';
import { ExitCode } from './exit-codes.js';

/**
 * `ptest [paths]`: discover → plan → run → report, and the exit code. Wiring only: each stage's
 * decisions live in its own module.
 */
export interface RunIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  warn: (line: string) => void;
}

export async function runCommand(options: Options, io: RunIO): Promise<ExitCode> {
  const files = await findFiles({ ...options, cwd: io.cwd });
  if (files.length === 0) {
    io.warn(`ptest: no test files found under ${options.root} (include: ${options.include.join(', ')})`);
    return ExitCode.noTests;
  }
  const settings: RunSettings = {
    root: options.root,
    runId: randomUUID(),
    workerCount: Math.min(options.workers, files.length),
    timeoutMs: options.timeoutMs,
    grep: options.grep,
    cacheDir: cacheDirOf(options.root),
  };
  const reporters = new ReporterSet(createReporters(options.reporters, options.root, io.cwd, [OWN_DIR]), io.warn);
  const aggregate = new RunAggregate();
  const emit = (event: RunEvent): void => {
    aggregate.onEvent(event);
    reporters.onEvent(event);
  };
  const t0 = performance.now();
  const pool = new WorkerPool({ workers: settings.workerCount, filename: WORKER_ENTRY, env: workerEnv(io.env) });
  const dispatcher = new Dispatcher({
    pool,
    planner: createPlanner(options.dist),
    settings,
    emit,
    now: () => performance.now() - t0,
    timers: { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as NodeJS.Timeout) },
    bail: options.bail,
  });
  const interrupt = (): void => dispatcher.stop('interrupt');
  process.once('SIGINT', interrupt).once('SIGTERM', interrupt);

  emit({ type: 'run:start', runId: settings.runId, startedAt: new Date().toISOString(), workers: settings.workerCount, dist: options.dist, files: files.length });
  try {
    await dispatcher.run(files.map((file): WorkUnit => ({ id: file, file })));
  } finally {
    process.off('SIGINT', interrupt).off('SIGTERM', interrupt);
    await pool.destroy();
  }
  emit({ type: 'run:end', wallMs: performance.now() - t0, interrupted: dispatcher.stoppedBy === 'interrupt' });
  const report = aggregate.report();
  const written = await reporters.onRunEnd(report);
  const code = exitCodeOf(report, dispatcher.stoppedBy);
  return code === ExitCode.passed && !written ? ExitCode.internalError : code;
}

export function exitCodeOf(report: RunReport, stoppedBy: StopReason | undefined): ExitCode {
  if (stoppedBy === 'interrupt') return ExitCode.interrupted;
  if (report.summary.failed > 0 || report.summary.errors > 0) return ExitCode.failed;
  if (report.summary.total === 0) return ExitCode.noTests;
  return ExitCode.passed;
}

/** Bundled test files are cached where tools conventionally cache (and git ignores). */
export function cacheDirOf(root: string): string {
  return join(root, 'node_modules', '.cache', 'ptest', 'bundles');
}

/** Workers print nothing themselves, but expect's diffs should be coloured when ours are. */
function workerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const level = colorLevel(env, Boolean(process.stdout.isTTY));
  return { ...env, FORCE_COLOR: String(level) };
}
