import { isAbsolute, resolve } from 'node:path';
import { JEST_DEFAULT_TEST_MATCH, testRegexGlobs } from './foreign-globs.js';
import { insideRoot, keyPath, rootGlob, stringList, type Mapping } from './foreign-shared.js';

/** Which files a Jest config's tests are: its `roots`, and `testMatch` or `testRegex` under them. */
export interface FilesContext {
  m: Mapping;
  /** where this config sits in the file: '' or `projects[1]` */
  path: string;
  /** ptest's root: globs are made relative to it */
  root: string;
}

/** the `roots` directories, root-relative; Jest's default is rootDir alone */
export function rootsOf(config: Record<string, unknown>, c: FilesContext, fromRootDir: (v: string) => string, rootDir: string, rootDirRel: string): string[] {
  if (!Array.isArray(config.roots) || !stringList(config.roots)) return [rootDirRel];
  const roots: string[] = [];
  for (const [i, dir] of (config.roots as string[]).entries()) {
    const rel = insideRoot(c.root, resolve(rootDir, fromRootDir(dir)));
    if (rel === undefined) c.m.ignore(keyPath(keyPath(c.path, 'roots'), i));
    else roots.push(rel);
  }
  return roots.length > 0 ? roots : [rootDirRel];
}

/**
 * testMatch (or testRegex, translated) as include globs. A glob that starts with `**` matches
 * anywhere, so it is searched for under each root; any other is a path from rootDir (or an
 * absolute one, after `<rootDir>`), taken as it is. `!glob` is an exclude.
 */
export function testFiles(config: Record<string, unknown>, c: FilesContext, fromRootDir: (v: string) => string, rootDirRel: string, roots: string[]): { include: string[]; exclude: string[] } {
  const at = (key: string) => keyPath(c.path, key);
  const globs: Array<{ glob: string; path: string }> = [];
  const regexes = stringList(config.testRegex);
  const matches = stringList(config.testMatch);
  if (matches) {
    for (const [i, glob] of matches.entries()) globs.push({ glob, path: Array.isArray(config.testMatch) ? keyPath(at('testMatch'), i) : at('testMatch') });
    // Jest refuses both; ptest takes testMatch
    if (regexes) c.m.ignore(at('testRegex'));
  } else if (regexes) {
    for (const [i, regex] of regexes.entries()) {
      const path = Array.isArray(config.testRegex) ? keyPath(at('testRegex'), i) : at('testRegex');
      const translated = testRegexGlobs(regex);
      if (translated) globs.push(...translated.map((glob) => ({ glob, path })));
      else c.m.ignore(path);
    }
  }

  // when no testRegex translates, Jest's default testMatch stands in for it (testRegex is listed as ignored)
  if (globs.length === 0) globs.push(...JEST_DEFAULT_TEST_MATCH.map((glob) => ({ glob, path: '' })));
  const include: string[] = [];
  const exclude: string[] = [];
  for (const { glob: written, path } of globs) {
    const negated = written.startsWith('!');
    const glob = fromRootDir(negated ? written.slice(1) : written);
    if (glob.startsWith('**/')) {
      if (negated) exclude.push(glob);
      else include.push(...roots.map((dir) => rootGlob(glob, dir, c.root) as string));
      continue;
    }
    const rooted = isAbsolute(glob) ? insideRoot(c.root, glob) : rootGlob(glob, rootDirRel, c.root);
    if (rooted === undefined) c.m.ignore(path);
    else (negated ? exclude : include).push(rooted);
  }
  return { include: [...new Set(include)], exclude };
}
