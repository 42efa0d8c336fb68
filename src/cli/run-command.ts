import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { KeepSandbox, Options } from '../config/options.js';
import { hashFiles } from '../history/file-hashes.js';
import { attachFlakiness } from '../history/flakiness.js';
import { recordRun } from '../history/history-model.js';
import { saveRun } from '../history/history-store.js';
import { RunQuarantine } from '../quarantine/run-quarantine.js';
import { runRecordOf } from '../history/run-record.js';
import type { RunEvent } from '../model/events.js';
import { RunAggregate } from '../report/aggregate.js';
import { createReporters } from '../report/create-reporters.js';
import { ReporterSet } from '../report/reporter.js';
import type { RunReport } from '../report/run-report.js';
import { colorLevel } from '../report/terminal/colors.js';
import type { StopReason } from '../run/dispatcher.js';
import { runUnits } from '../run/run-units.js';
import { OWN_DIR } from '../runtime-paths.js';
import { ExitCode } from '../model/exit-codes.js';
import { isFailure } from '../model/outcome.js';
import { runSandboxDir, SANDBOX_BASE } from '../sandbox/paths.js';
import { createRunSandbox, removeRunSandbox, sweepAbandoned } from '../sandbox/run-sandbox.js';
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
  const { files, history, units, workerCount, planner, repeat } = await prepareUnits(options, io.cwd, io.warn);
  if (files.length === 0) {
    io.warn(noTestFiles(options));
    return ExitCode.noTests;
  }
  const quarantine = await RunQuarantine.load(options.quarantine);
  if (options.quarantine.auto && !options.history) io.warn('ptest: --auto-quarantine judges tests by their history, and --no-history leaves none: nothing will be added');
  const reporters = new ReporterSet(await createReporters(options.reporters, options.root, io.cwd, [OWN_DIR], io.env), io.warn);
  const aggregate = new RunAggregate(quarantine.ids);
  const runId = randomUUID();
  // read while the tests run: the history keeps outcomes before and after an edit apart
  const hashes = options.history ? hashFiles(options.root, files) : Promise.resolve({});
  const sandbox = { runDir: runSandboxDir(SANDBOX_BASE, runId), copy: options.sandboxCopy };
  await sweepAbandoned(SANDBOX_BASE);
  await createRunSandbox(sandbox.runDir);
  const emit = (event: RunEvent): void => {
    aggregate.onEvent(event);
    reporters.onEvent(event);
  };
  const cacheDir = cacheDirOf(options.root);
  const global = await runGlobalSetup(options.globalSetup, cacheDir, options.root);
  const stoppedBy = 'failure' in global
    ? skipRun(units, global.failure, { runId, workers: workerCount, dist: options.dist, emit })
    : await runUnits(units, {
        settings: { root: options.root, runId, workerCount, timeoutMs: options.timeoutMs, grep: options.grep, cacheDir, sandbox, setupWorker: options.setupWorker, provided: global.provided, reruns: options.reruns, skipIds: quarantine.skipIds },
        planner,
        dist: options.dist,
        repeat,
        bail: options.bail,
        files: files.length,
        workerEnv: workerEnv(io.env),
        maxWorkerMemoryMb: options.maxWorkerMemoryMb,
        workerIdleMemoryMb: options.workerIdleMemoryMb,
        afterRun: global.teardown,
        emit,
      });
  const report = aggregate.report();
  const record = options.history ? { ...runRecordOf(report), fileHashes: await hashes } : undefined;
  const historyAfter = record ? recordRun(history, record) : null;
  if (historyAfter) attachFlakiness(report, historyAfter);
  const complete = options.grep === null && stoppedBy === undefined;
  report.quarantine = await quarantine.review(report, { root: options.root, files, complete, history: historyAfter, now: new Date() });
  const kept = await removeRunSandbox(sandbox.runDir, workerCount, keepSandbox(options.keepSandbox, report));
  for (const { slot, dir } of kept) io.warn(`ptest: kept the sandbox of worker ${slot}: ${dir}`);
  const written = await reporters.onRunEnd(report);
  if (options.history && record) await saveRun(options.history, record, io.warn);
  const code = exitCodeOf(report, stoppedBy, { failOnFlaky: options.failOnFlaky, strictQuarantine: options.quarantine.strict });
  return code === ExitCode.passed && !written ? ExitCode.internalError : code;
}

export function exitCodeOf(report: RunReport, stoppedBy: StopReason | undefined, strict: { failOnFlaky?: boolean; strictQuarantine?: boolean } = {}): ExitCode {
  if (stoppedBy === 'interrupt') return ExitCode.interrupted;
  if (report.summary.failed > 0 || report.summary.errors > 0) return ExitCode.failed;
  if (strict.failOnFlaky && report.summary.flaky > 0) return ExitCode.failed;
  if (strict.strictQuarantine && (report.quarantine?.expired.length ?? 0) > 0) return ExitCode.failed;
  if (report.summary.total === 0) return ExitCode.noTests;
  return ExitCode.passed;
}

/** which worker sandboxes `--keep-sandbox` keeps: all, none, or those of workers a test failed on */
function keepSandbox(when: KeepSandbox, report: RunReport): (slot: number) => boolean {
  if (when !== 'failed') return () => when === 'always';
  const failedOn = new Set(report.tests.filter((t) => isFailure(t.status)).map((t) => t.worker));
  return (slot) => failedOn.has(slot);
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
