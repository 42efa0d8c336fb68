import { isMainThread } from 'node:worker_threads';
import type { RunRequest, RunSettings } from '../model/protocol.js';
import { OWN_DIR, RUNTIME_ENTRY } from '../runtime-paths.js';
import { workerSandboxDir } from '../sandbox/paths.js';
import { portBlock } from '../sandbox/ports.js';
import { mapStacksOfBundlesIn } from './bundle-stacks.js';
import { fdTransport } from './transport.js';
import { runUnit, type ThreadRuntime } from './run-unit.js';
import { toTestError } from './to-test-error.js';
import type { StrayError } from '../model/protocol.js';
import { setProvided } from './provided.js';
import { UncaughtErrors } from './uncaught.js';
import { setupWorkerName, teardownWorker, workerInfo } from './worker-setup.js';
import { captureOutput, withOutputTo } from './test-output.js';
import './resolve-from.js';
import { setVitestWorkerEnv } from '../io/runner-env.js';

/**
 * The worker's task handler, run by piscina in a thread or by a forked process (`--pool forks`)
 * on its main thread. It sets the per-slot environment of the contract, then hands over to
 * runUnit, writing to the slot's pipe.
 */
export type PoolTask = RunRequest & { fd: number };

// Node's own error in a thread ("not supported in workers") does not say what to do about it.
if (!isMainThread) {
  process.chdir = () => {
    throw Object.assign(new Error('process.chdir() is not supported in worker threads: run ptest with --pool forks'), { code: 'ERR_WORKER_UNSUPPORTED_OPERATION' });
  };
}

// One per thread, made by its first task: uncaught errors fail the running test instead of killing
// the thread. Not on load: the coordinator loads this module too when a config file or a
// globalSetup imports the test API, and its own uncaught errors are not a test's.
let thread: ThreadRuntime | undefined;
const threadRuntime = (): ThreadRuntime => (thread ??= { runtimeEntry: RUNTIME_ENTRY, internalDirs: [OWN_DIR], uncaught: new UncaughtErrors().install() });

export default async function handle(task: PoolTask): Promise<void> {
  const { slot, settings } = task;
  // stack traces through bundled files name the original .ts lines
  mapStacksOfBundlesIn(settings.cacheDir);
  process.env.PTEST_WORKER_ID = String(slot);
  process.env.JEST_WORKER_ID = String(slot + 1);
  if (settings.compat.snapshot.dialect === 'vitest') setVitestWorkerEnv(slot);
  process.env.PTEST_WORKER_COUNT = String(settings.workerCount);
  process.env.PTEST_RUN_ID = settings.runId;
  process.env.PTEST_SANDBOX = workerSandboxDir(settings.sandbox.runDir, slot);
  const ports = portBlock(slot, settings.workerCount);
  process.env.PTEST_PORT_BASE = String(ports.base);
  process.env.PTEST_PORT_COUNT = String(ports.count);
  captureOutput();
  const transport = fdTransport(task.fd);
  await withOutputTo((message) => transport.post(message), settings.silent === true, () => runUnit(task, transport, threadRuntime()));
}

/**
 * Piscina task `finishSlot`, once per slot at the end of the run: the `setupWorker` teardown, then
 * what the thread caught after its last unit ended (a late timer of the last file it ran), so such
 * errors are not lost.
 */
export async function finishSlot({ slot, settings }: { slot: number; settings: RunSettings }): Promise<StrayError[]> {
  const errors: StrayError[] = [];
  const thread = threadRuntime();
  mapStacksOfBundlesIn(settings.cacheDir);
  // a fresh thread (the slot's last one crashed) has not been given the run's provided values yet
  setProvided(settings.provided);
  try {
    await teardownWorker(settings, workerInfo(slot, settings.workerCount, workerSandboxDir(settings.sandbox.runDir, slot)), thread.runtimeEntry);
  } catch (error) {
    errors.push({ file: null, kind: 'hook', message: `${setupWorkerName(settings)} teardown failed for worker ${slot}: ${toTestError(error, thread.internalDirs).message}` });
  }
  const strays = thread.uncaught.takeReports((error) => toTestError(error, thread.internalDirs));
  return [...errors, ...strays.map((report) => ({ ...report, file: report.file ?? null }))];
}
