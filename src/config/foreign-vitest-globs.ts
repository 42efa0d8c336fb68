import { keyPath, type Mapping, rootGlob, stringList } from './foreign-shared.js';

/** globs relative to Vitest's `dir`, as root-relative ones; `!glob` in an include is an exclude */
export function globList(value: unknown, path: string, prefix: string, c: { m: Mapping; root: string }, isExclude = false): { positive: string[]; negative: string[] } | undefined {
  const list = stringList(value);
  if (!list) return void c.m.ignore(path);
  const positive: string[] = [];
  const negative: string[] = [];
  list.forEach((glob, i) => {
    const negated = glob.startsWith('!');
    const written = negated ? glob.slice(1) : glob;
    // an exclude that matches anywhere needs no prefix: the includes already have it
    const rooted = (isExclude || negated) && written.startsWith('**/') ? written : rootGlob(written, prefix, c.root);
    if (rooted === undefined || (negated && isExclude)) return c.m.ignore(Array.isArray(value) ? keyPath(path, i) : path);
    (negated ? negative : positive).push(rooted);
  });
  return { positive, negative };
}
