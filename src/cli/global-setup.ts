import { relative } from 'node:path';
import type { GlobalHooks } from '../config/global-hooks-options.js';
import type { RunError, RunEvent, RunShard, StopReason } from '../model/events.js';
import type { WorkUnit } from '../model/protocol.js';
import { RUNTIME_ENTRY } from '../runtime-paths.js';
import { importBundled } from '../transform/import-bundled.js';

/**
 * `globalSetup`: modules run once per run in the main process before any worker starts (a
 * server or a database template every worker shares), in order. ptest's and Vitest's way: the
 * default (or `setup`) export gets a context whose `provide(key, value)` and whose returned object
 * are what tests read with `inject(key)` (crossing to the workers as JSON); a returned function
 * and a `teardown` export run after the last test, even when tests failed, in reverse order. Jest's
 * way: the default export gets `(globalConfig, projectConfig)` and its return is not used; the
 * `globalTeardown` module runs last. A setup that throws stops the run before any test: its error
 * is reported like a failed hook and every file is reported as not run.
 */
export type GlobalSetup =
  | { provided: Record<string, unknown>; teardown: () => Promise<RunError[]> }
  | { failures: RunError[] };

/** a module's part of the run: which key named it, its root-relative path */
type Step = { key: 'globalSetup' | 'globalTeardown'; file: string; run: () => unknown };

export async function runGlobalSetup(hooks: GlobalHooks, cacheDir: string, root: string): Promise<GlobalSetup> {
  const load = (path: string) => importBundled(path, { cacheDir, runtimeEntry: RUNTIME_ENTRY });
  const provided: Record<string, unknown> = { ...hooks.provide };
  const teardowns: Step[] = [];
  const jestConfig = { rootDir: root, watch: false, watchAll: false };
  const named = (key: Step['key'], path: string) => ({ key, file: relative(root, path).split('\\').join('/') });
  for (const path of hooks.setup) {
    const at = named('globalSetup', path);
    try {
      const module = await load(path);
      if (hooks.jest) {
        await exported(module, 'default')(jestConfig, { rootDir: root });
        continue;
      }
      const setup = module.default ?? module.setup;
      // (a module may have a teardown only)
      if (typeof setup !== 'function' && (setup !== undefined || module.teardown === undefined)) throw new Error('it must export a default (or setup) function');
      const result: unknown = typeof setup === 'function' ? await setup({ provide: (key: string, value: unknown) => (provided[key] = value), config: { root } }) : undefined;
      // as in Vitest, a teardown export wins over a returned one
      if (module.teardown !== undefined) teardowns.push({ ...at, run: exported(module, 'teardown') });
      else if (typeof result === 'function') teardowns.push({ ...at, run: result as () => unknown });
      if (typeof result !== 'function') Object.assign(provided, valuesOf(result));
      // checked after each module, so that a value JSON cannot carry is blamed on the one that gave it
      crossable(provided);
    } catch (error) {
      // what already started is still stopped: the run ends here
      return { failures: [failure(at, 'failed', error), ...(await runSteps(teardowns.reverse()))] };
    }
  }
  // Jest loads its globalTeardown only once the tests are done
  const jestTeardowns = hooks.teardown.map((path): Step => ({ ...named('globalTeardown', path), run: async () => exported(await load(path), 'default')(jestConfig, { rootDir: root }) }));
  return { provided: crossable(provided), teardown: async () => runSteps([...teardowns.reverse(), ...jestTeardowns]) };
}

async function runSteps(steps: readonly Step[]): Promise<RunError[]> {
  const errors: RunError[] = [];
  for (const step of steps) {
    try {
      await step.run();
    } catch (error) {
      errors.push(failure(step, step.key === 'globalTeardown' ? 'failed' : 'teardown failed', error));
    }
  }
  return errors;
}

function failure(at: Omit<Step, 'run'>, what: string, error: unknown): RunError {
  return {
    file: at.file,
    kind: 'hook',
    message: `${at.key} ${at.file} ${what}: ${error instanceof Error ? error.message : String(error)}`,
    ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
  };
}

function exported(module: Record<string, unknown>, name: string): (...args: unknown[]) => unknown {
  const fn = module[name];
  if (typeof fn !== 'function') throw new Error(`its ${name} export must be a function`);
  return fn as (...args: unknown[]) => unknown;
}

function valuesOf(result: unknown): Record<string, unknown> {
  if (result === undefined) return {};
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    throw new Error('it must return an object of values for inject(), a teardown function, or nothing');
  }
  return result as Record<string, unknown>;
}

/**
 * The values cross to the workers as JSON: what JSON cannot hold (functions, undefined) is dropped
 * here, the same for every worker, and a value JSON cannot encode (a BigInt, a cycle) fails here.
 */
function crossable(values: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(values)) as Record<string, unknown>;
}

/** The events of a run that never started because its globalSetup failed. */
export function skipRun(units: readonly WorkUnit[], failures: readonly RunError[], o: { runId: string; workers: number; dist: string; shard: RunShard | null; emit: (event: RunEvent) => void }): StopReason {
  const files = [...new Set(units.map((unit) => unit.file))].sort();
  // a shard whose globalSetup failed is still that shard: merge-reports must not call it missing
  o.emit({ type: 'run:start', runId: o.runId, startedAt: new Date().toISOString(), workers: o.workers, dist: o.dist, files: files.length, ...(o.shard ? { shard: o.shard } : {}) });
  for (const error of failures) o.emit({ type: 'error', error });
  o.emit({ type: 'run:end', wallMs: 0, interrupted: false, stoppedBy: 'global-setup', notRun: { tests: [], files } });
  return 'global-setup';
}
