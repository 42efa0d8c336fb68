import { relative } from 'node:path';
import picomatch from 'picomatch';
import type { CompatSettings, EnvironmentName } from '../model/compat.js';

/** by the rules' text: the settings arrive afresh with each file's request, and a run has one set */
const matchers = new Map<string, ((file: string) => EnvironmentName | undefined)[]>();

/**
 * The environment of a file that no docblock names one for: that of the first project that takes
 * the file (its include matches, its exclude does not), as Vitest and Jest run each project's
 * files in its own, else the suite's default.
 */
export function projectEnvironmentOf(file: string, root: string, compat: Pick<CompatSettings, 'environment' | 'projectEnvironments'>): EnvironmentName {
  const rules = compat.projectEnvironments;
  if (!rules) return compat.environment;
  const key = JSON.stringify(rules);
  let tests = matchers.get(key);
  if (!tests) {
    tests = rules.map(({ include, exclude, environment }) => {
      const included = picomatch(include, { dot: false });
      const excluded = exclude.length > 0 ? picomatch(exclude) : () => false;
      return (path: string) => (included(path) && !excluded(path) ? environment : undefined);
    });
    matchers.set(key, tests);
  }
  const path = relative(root, file).split('\\').join('/');
  for (const test of tests) {
    const environment = test(path);
    if (environment) return environment;
  }
  return compat.environment;
}
