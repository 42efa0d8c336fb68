import { globby } from 'globby';
import { isRecord, type Mapping } from './foreign-shared.js';

/**
 * Vitest's type tests (`typecheck.enabled`): checked by tsc, never run by ptest. Vitest counts
 * them among its tests, so the notice says how many files of them a run leaves out, not just
 * the key.
 */
export const VITEST_TYPECHECK_INCLUDE = ['**/*.{test,spec}-d.?(c|m)[jt]s?(x)'];

/** Vitest's type tests, which ptest does not run: the key that enabled them, and their root-relative globs */
export interface TypeTests {
  key: string;
  include: string[];
}

/** `globs` makes the config's include root-relative (as test.include's) */
export function mapTypecheck(value: unknown, path: string, m: Mapping, globs: (include: unknown) => string[] | undefined): void {
  // type-check settings without enabling it change nothing in a `vitest run`
  if (!isRecord(value) || value.enabled !== true) return;
  m.ignore(path);
  m.typeTests = { key: path, include: (value.include === undefined ? undefined : globs(value.include)) ?? globs(VITEST_TYPECHECK_INCLUDE) ?? [] };
}

/** `test.typecheck (2 type-test files not run: ptest does not type-check)` in the ignored list */
export async function withTypeTestCount(ignored: readonly string[], typeTests: TypeTests | undefined, root: string): Promise<string[]> {
  if (!typeTests) return [...ignored];
  const count = (await globby(typeTests.include, { cwd: root, ignore: ['**/node_modules/**', '**/.git/**'] })).length;
  const said = `${typeTests.key} (${count} type-test file${count === 1 ? '' : 's'} not run: ptest does not type-check)`;
  return ignored.map((key) => (key === typeTests.key ? said : key));
}
