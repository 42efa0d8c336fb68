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

export function workerInfo(slot: number, sandbox: string): WorkerInfo {
  const ports = portBlock(slot);
  return { workerId: slot, sandbox, portBase: ports.base, portCount: ports.count };
}

/** Runs the setup unless this slot already has; returns the variables it asked for. */
export async function ensureWorkerSetup(settings: RunSettings, worker: WorkerInfo, runtimeEntry: string): Promise<Record<string, string>> {
  if (!settings.setupWorker) return {};
  const saved = `${worker.sandbox}.setup.json`;
  if (await access(saved).then(() => true, () => false)) return JSON.parse(await readFile(saved, 'utf8')) as Record<string, string>;
  const module = (await importBundled(settings.setupWorker, { cacheDir: settings.cacheDir, runtimeEntry })) as SetupModule;
  if (typeof module.default !== 'function') throw new Error('its default export must be a function');
  const result = (await module.default(worker)) as { env?: Record<string, unknown> } | undefined;
  const env = Object.fromEntries(Object.entries(result?.env ?? {}).map(([key, value]) => [key, String(value)]));
  await writeFile(saved, JSON.stringify(env));
  return env;
}

/** The setup module's `teardown`, for a slot whose setup ran; nothing otherwise. */
export async function teardownWorker(settings: RunSettings, worker: WorkerInfo, runtimeEntry: string): Promise<void> {
  if (!settings.setupWorker) return;
  if (!(await access(`${worker.sandbox}.setup.json`).then(() => true, () => false))) return;
  const module = (await importBundled(settings.setupWorker, { cacheDir: settings.cacheDir, runtimeEntry })) as SetupModule;
  await module.teardown?.(worker);
}

/** `setupWorker <root-relative path>`, as messages name it */
export function setupWorkerName(settings: RunSettings): string {
  return `setupWorker ${relative(settings.root, settings.setupWorker ?? '').split('\\').join('/')}`;
}
