import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The file of this name in `dir` or the nearest folder above it, as Node finds a package.json and
 * esbuild a tsconfig.json. `memo` keeps the answers for folders already asked about (a folder's is
 * its parent's unless the file is there): the caller decides how long they stay true.
 */
export function nearestFile(dir: string, name: string, memo: Map<string, string | undefined>): string | undefined {
  const key = `${dir}\0${name}`;
  if (memo.has(key)) return memo.get(key);
  const here = join(dir, name);
  const parent = dirname(dir);
  const path = existsSync(here) ? here : parent === dir ? undefined : nearestFile(parent, name, memo);
  memo.set(key, path);
  return path;
}
