import { extname } from 'node:path';
import type { Loader } from 'esbuild';

/** The esbuild loader of a local source, by its extension: the same whether it is bundled or compiled alone. */
export function loaderFor(file: string): Loader {
  const ext = extname(file);
  if (ext === '.tsx') return 'tsx';
  if (ext === '.jsx') return 'jsx';
  return ext.endsWith('ts') ? 'ts' : 'js';
}
