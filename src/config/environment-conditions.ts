import { ENVIRONMENTS, type CompatSettings, type EnvironmentConditions, type EnvironmentName } from '../model/compat.js';
import { stringList } from './foreign-shared.js';
import { UsageError } from './usage-error.js';

/**
 * The export conditions each environment's files resolve their imports with. Jest 28 and later
 * resolve a jsdom or happy-dom file's imports with `browser` (a package's browser build, and the
 * suite's own package.json `imports` such as `#is-browser`), and
 * `testEnvironmentOptions.customExportConditions` replaces an environment's own in every one.
 * Jest 28 and 29 require with those alone; Jest 30 keeps Node's `node` beside them (jest-runtime's
 * cjsConditions). Jest 27 and older did not read `exports` at all. A config's own (ptest's
 * `environmentConditions`, or what a Jest config's customExportConditions became) come before
 * Jest's defaults. `jestMajor`: the suite's Jest (Infinity when none is installed), unset for others.
 */
export function environmentConditionsOf(value: unknown, jestMajor: number | undefined): Pick<CompatSettings, 'environmentConditions'> {
  const own = value === undefined ? {} : parseEnvironmentConditions(value);
  const jestExports = jestMajor !== undefined && jestMajor >= 28;
  const conditions: EnvironmentConditions = jestExports ? { jsdom: ['browser'], 'happy-dom': ['browser'], ...own } : own;
  if (jestMajor !== undefined && jestMajor >= 30) {
    for (const [name, list] of Object.entries(conditions)) conditions[name as EnvironmentName] = [...new Set(['node', ...list])];
  }
  return Object.keys(conditions).length > 0 ? { environmentConditions: conditions } : {};
}

function parseEnvironmentConditions(value: unknown): EnvironmentConditions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`environmentConditions: expected an object of condition lists by environment, like { jsdom: ['browser'] }, got ${JSON.stringify(value)}`);
  const conditions: EnvironmentConditions = {};
  for (const [key, list] of Object.entries(value)) {
    if (!(ENVIRONMENTS as readonly string[]).includes(key)) throw new UsageError(`environmentConditions.${key}: not an environment (${ENVIRONMENTS.join(', ')})`);
    const names = Array.isArray(list) ? stringList(list) : undefined;
    if (names === undefined) throw new UsageError(`environmentConditions.${key}: expected a list of condition names, like ['browser'], got ${JSON.stringify(list)}`);
    conditions[key as EnvironmentName] = names;
  }
  return conditions;
}

/** Jest's customExportConditions, which take the place of every environment's own */
export function customConditions(list: string[]): EnvironmentConditions {
  return Object.fromEntries(ENVIRONMENTS.map((name) => [name, list]));
}
