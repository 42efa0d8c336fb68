import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { globby, isDynamicPattern } from 'globby';
import { ALWAYS_EXCLUDED, DIST_EXCLUDED } from '../config/options.js';
import { UsageError } from '../config/usage-error.js';

/**
 * The test files of a run, root-relative with forward slashes, sorted and de-duplicated. With no
 * positional paths, the include globs under the root. A named file is taken as it is; a directory
 * or a glob picks the test files (those the include globs find) below it or matching it, as Jest
 * and Vitest take their arguments as filters: under include globs that start at the root
 * (`packages/...`), the directory `packages/core` is that package's tests, and the glob `src/...`
 * does not run `src/util.ts`.
 */
export interface FindOptions {
  root: string;
  cwd: string;
  include: readonly string[];
  exclude: readonly string[];
  /** the suite's projects, when their excludes differ: each one's include less its own exclude */
  projects?: readonly { include: readonly string[]; exclude: readonly string[] }[] | null;
  paths: readonly string[];
  /** skip `dist` folders (default true) */
  excludeDist?: boolean;
}

export async function findFiles(o: FindOptions): Promise<string[]> {
  const ignore = [...ALWAYS_EXCLUDED, ...(o.excludeDist === false ? [] : [DIST_EXCLUDED]), ...o.exclude];
  const search = (patterns: readonly string[], own: readonly string[] = []) => globby([...patterns], { cwd: o.root, ignore: [...ignore, ...own], onlyFiles: true, dot: false });
  const allTests = async (): Promise<string[]> => (o.projects ? (await Promise.all(o.projects.map((p) => search(p.include, p.exclude)))).flat() : search(o.include));
  if (o.paths.length === 0) return sorted(await allTests());

  let tests: Promise<Set<string>> | undefined;
  const testFiles = () => (tests ??= allTests().then((files) => new Set(files.map(toPosix))));
  const found: string[] = [];
  for (const path of o.paths) {
    const absolute = resolve(o.cwd, path);
    const fromRoot = toPosix(relative(o.root, absolute));
    if (fromRoot.startsWith('..') || isAbsolute(fromRoot)) throw new UsageError(`path ${path} is outside the root ${o.root}`);
    const kind = await stat(absolute).then(
      (s) => (s.isDirectory() ? 'dir' : 'file'),
      () => 'missing' as const,
    );
    if (kind === 'file') found.push(fromRoot);
    else if (kind === 'dir') found.push(...[...(await testFiles())].filter((file) => fromRoot === '' || file.startsWith(`${fromRoot}/`)));
    else if (isDynamicPattern(path)) {
      const all = await testFiles();
      found.push(...(await search([fromRoot])).filter((file) => all.has(toPosix(file))));
    }
    else throw new UsageError(`no such file or directory: ${path}`);
  }
  return sorted(found);
}

function sorted(files: readonly string[]): string[] {
  return [...new Set(files.map(toPosix))].sort();
}

function toPosix(path: string): string {
  return path.split('\\').join('/');
}
