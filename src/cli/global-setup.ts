import { relative } from 'node:path';
import type { RunError, RunEvent, RunShard, StopReason } from '../model/events.js';
import type { WorkUnit } from '../model/protocol.js';
import { RUNTIME_ENTRY } from '../runtime-paths.js';
import { importBundled } from '../transform/import-bundled.js';

/**
 * `globalSetup`: a module run once per run in the main process before any worker starts (a
 * server or a database template every worker shares). What its default export returns is what
 * tests read with `inject(key)`; it crosses to the workers as JSON. Its `teardown` export runs
 * after the last test, even when tests failed. A setup that throws stops the run before any test:
 * its error is reported like a failed hook and every file is reported as not run.
 */
export type GlobalSetup =
  | { provided: Record<string, unknown>; teardown: () => Promise<RunError[]> }
  | { failure: RunError };

const NONE: GlobalSetup = { provided: {}, teardown: async () => [] };

export async function runGlobalSetup(path: string | null, cacheDir: string, root: string): Promise<GlobalSetup> {
  if (!path) return NONE;
  const file = relative(root, path).split('\\').join('/');
  const failure = (what: string, error: unknown): RunError => ({
    file,
    kind: 'hook',
    message: `globalSetup ${file} ${what}: ${error instanceof Error ? error.message : String(error)}`,
    ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
  });
  try {
    const module = await importBundled(path, { cacheDir, runtimeEntry: RUNTIME_ENTRY });
    const provided = providedBy(await callExport(module, 'default'));
    return {
      provided,
      teardown: async () => {
        try {
          await callExport(module, 'teardown');
          return [];
        } catch (error) {
          return [failure('teardown failed', error)];
        }
      },
    };
  } catch (error) {
    return { failure: failure('failed', error) };
  }
}

async function callExport(module: Record<string, unknown>, name: 'default' | 'teardown'): Promise<unknown> {
  const fn = module[name];
  if (fn === undefined && name === 'teardown') return undefined;
  if (typeof fn !== 'function') throw new Error(`its ${name} export must be a function`);
  return (fn as () => unknown)();
}

function providedBy(result: unknown): Record<string, unknown> {
  if (result === undefined) return {};
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    throw new Error('it must return an object of values for inject(), or nothing');
  }
  // it crosses to the workers as JSON: what JSON cannot hold (functions, undefined) is dropped
  // here, the same for every worker, and a value JSON cannot encode (a BigInt, a cycle) fails here
  return JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
}

/** The events of a run that never started because its globalSetup failed. */
export function skipRun(units: readonly WorkUnit[], failure: RunError, o: { runId: string; workers: number; dist: string; shard: RunShard | null; emit: (event: RunEvent) => void }): StopReason {
  const files = [...new Set(units.map((unit) => unit.file))].sort();
  // a shard whose globalSetup failed is still that shard: merge-reports must not call it missing
  o.emit({ type: 'run:start', runId: o.runId, startedAt: new Date().toISOString(), workers: o.workers, dist: o.dist, files: files.length, ...(o.shard ? { shard: o.shard } : {}) });
  o.emit({ type: 'error', error: failure });
  o.emit({ type: 'run:end', wallMs: 0, interrupted: false, stoppedBy: 'global-setup', notRun: { tests: [], files } });
  return 'global-setup';
}
