import { resolveModule } from './compat-options.js';
import type { UserConfig } from './user-config.js';
import { UsageError } from './usage-error.js';

/**
 * The modules run once per run in the main process, around every worker: `globalSetup` (one or a
 * list, run in order) and `globalTeardown` (Jest's separate module, run after the last test).
 * How they are called is a dialect's: ptest's and Vitest's setup returns values for `inject()` or
 * a teardown; Jest's gets `(globalConfig, projectConfig)` and its return is not looked at.
 */
export interface GlobalHooks {
  /** values for inject() before any setup adds its own (Vitest's `provide`) */
  provide: Record<string, unknown>;
  /** absolute paths */
  setup: string[];
  teardown: string[];
  jest: boolean;
}

export function parseGlobalHooks(merged: UserConfig, root: string): GlobalHooks {
  if (merged.provide !== undefined && (typeof merged.provide !== 'object' || merged.provide === null || Array.isArray(merged.provide))) throw new UsageError('provide: expected an object of values for inject()');
  return {
    provide: merged.provide ?? {},
    setup: moduleList(merged.globalSetup, 'globalSetup', root),
    teardown: moduleList(merged.globalTeardown, 'globalTeardown', root),
    jest: merged.jestGlobalSetup === true,
  };
}

function moduleList(value: unknown, key: string, root: string): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((entry): entry is string => typeof entry === 'string')) throw new UsageError(`${key}: expected a path to a module, or a list of them`);
  return list.map((entry) => resolveModule(key, entry, root));
}
