import { access, readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { RunSettings } from '../model/protocol.js';
import { portBlock } from '../sandbox/ports.js';
import { importBundled } from '../transform/import-bundled.js';

/**
 * `setupWorker`: a user module run once per worker slot, before the slot's first file, to make
 * per-worker resources (a database, a schema, a server), the way pytest-xdist users key them on
 * worker_id. Its default export receives the worker and may return `{ env }`: variables set for
 * every file that slot runs. The result is saved beside the sandbox, so a thread that replaces a
 * crashed one reuses the resources instead of making them again; its `teardown` export runs once
 * per slot at the end of the run.
 */
export interface WorkerInfo {
  workerId: number;
  sandbox: string;
  portBase: number;
  portCount: number;
}

type SetupModule = {
  default?: (worker: WorkerInfo) => unknown;
  teardown?: (worker: WorkerInfo) => unknown;
};

export function workerInfo(slot: number, workerCount: number, sandbox: string): WorkerInfo {
  const ports = portBlock(slot, workerCount);
  return { workerId: slot, sandbox, portBase: ports.base, portCount: ports.count };
}

/**
 * What the slot's setup left: its variables, or the error it failed with (so later files of the
 * slot fail at once with it instead of making half the resources again).
 */
type SetupRecord = { env: Record<string, string> } | { error: string };

/** The module is imported once per thread, so `teardown` sees the state `default` left in it. */
let loaded: { path: string; module: SetupModule } | undefined;

async function setupModule(settings: RunSettings, runtimeEntry: string): Promise<SetupModule> {
  const path = settings.setupWorker!;
  if (loaded?.path !== path) loaded = { path, module: (await importBundled(path, { cacheDir: settings.cacheDir, runtimeEntry })) as SetupModule };
  return loaded.module;
}

const recordPath = (worker: WorkerInfo) => `${worker.sandbox}.setup.json`;

async function readRecord(worker: WorkerInfo): Promise<SetupRecord | undefined> {
  if (!(await access(recordPath(worker)).then(() => true, () => false))) return undefined;
  return JSON.parse(await readFile(recordPath(worker), 'utf8')) as SetupRecord;
}

/** Runs the setup unless this slot already has; returns the variables it asked for. */
export async function ensureWorkerSetup(settings: RunSettings, worker: WorkerInfo, runtimeEntry: string): Promise<Record<string, string>> {
  if (!settings.setupWorker) return {};
  const saved = await readRecord(worker);
  if (saved) {
    if ('error' in saved) throw new Error(saved.error);
    return saved.env;
  }
  let record: SetupRecord;
  try {
    const module = await setupModule(settings, runtimeEntry);
    if (typeof module.default !== 'function') throw new Error('its default export must be a function');
    const result = (await module.default(worker)) as { env?: Record<string, unknown> } | undefined;
    record = { env: Object.fromEntries(Object.entries(result?.env ?? {}).map(([key, value]) => [key, String(value)])) };
  } catch (error) {
    record = { error: error instanceof Error ? error.message : String(error) };
  }
  await writeFile(recordPath(worker), JSON.stringify(record));
  if ('error' in record) throw new Error(record.error);
  return record.env;
}

/**
 * The setup module's `teardown`, for a slot whose setup ran, even if it failed (it may have made
 * half its resources); nothing for a slot that never ran a file.
 */
export async function teardownWorker(settings: RunSettings, worker: WorkerInfo, runtimeEntry: string): Promise<void> {
  if (!settings.setupWorker || !(await readRecord(worker))) return;
  await (await setupModule(settings, runtimeEntry)).teardown?.(worker);
}

/** `setupWorker <root-relative path>`, as messages name it */
export function setupWorkerName(settings: RunSettings): string {
  return `setupWorker ${relative(settings.root, settings.setupWorker ?? '').split('\\').join('/')}`;
}
