import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The file of this name (or the first of these names) in `dir` or the nearest folder above it, as
 * Node finds a package.json and esbuild a tsconfig.json. `memo` keeps the answers for folders
 * already asked about (a folder's is its parent's unless the file is there): the caller decides
 * how long they stay true.
 */
export function nearestFile(dir: string, names: string | readonly string[], memo: Map<string, string | undefined>): string | undefined {
  const key = `${dir}\0${String(names)}`;
  if (memo.has(key)) return memo.get(key);
  const here = (typeof names === 'string' ? [names] : names).map((name) => join(dir, name)).find((path) => existsSync(path));
  const parent = dirname(dir);
  const path = here ?? (parent === dir ? undefined : nearestFile(parent, names, memo));
  memo.set(key, path);
  return path;
}
