import { relative } from 'node:path';
import picomatch from 'picomatch';
import type { CompatSettings, EnvironmentName } from '../model/compat.js';

type ProjectRule = NonNullable<CompatSettings['projectEnvironments']>[number];

/** by the rules' text: the settings arrive afresh with each file's request, and a run has one set */
const matchers = new Map<string, ((path: string) => boolean)[]>();

/**
 * The environment of a file that no docblock names one for: that of the first project that takes
 * the file (its include matches, its exclude does not), as Vitest and Jest run each project's
 * files in its own, else the suite's default.
 */
export function projectEnvironmentOf(file: string, root: string, compat: Pick<CompatSettings, 'environment' | 'projectEnvironments'>): EnvironmentName {
  return projectOf(file, root, compat)?.environment ?? compat.environment;
}

/** the first of the projects with settings of their own that takes the file */
export function projectOf(file: string, root: string, compat: Pick<CompatSettings, 'projectEnvironments'>): ProjectRule | undefined {
  const rules = compat.projectEnvironments;
  if (!rules) return undefined;
  const key = JSON.stringify(rules);
  let tests = matchers.get(key);
  if (!tests) {
    tests = rules.map(({ include, exclude }) => {
      const included = picomatch(include, { dot: false });
      const excluded = exclude.length > 0 ? picomatch(exclude) : () => false;
      return (path: string) => included(path) && !excluded(path);
    });
    matchers.set(key, tests);
  }
  const path = relative(root, file).split('\\').join('/');
  const at = tests.findIndex((test) => test(path));
  return at === -1 ? undefined : rules[at];
}
