import { extname } from 'node:path';
import type { BuildOptions, Loader } from 'esbuild';
import type { JsxSettings } from '../model/compat.js';

/**
 * The esbuild loader of a local source, by its extension: the same whether it is bundled or
 * compiled alone. `jsxInJs`: the suite writes JSX in `.js` files (a Jest project whose Babel config
 * compiles it), so they parse as JSX; no valid JavaScript reads differently as JSX.
 */
export function loaderFor(file: string, jsxInJs = false): Loader {
  const ext = extname(file);
  if (ext === '.tsx') return 'tsx';
  if (ext === '.jsx') return 'jsx';
  if (ext.endsWith('ts')) return 'ts';
  return jsxInJs ? 'jsx' : 'js';
}

/** esbuild's JSX options for the suite's settings; a tsconfig/jsconfig that sets its own still wins, as esbuild applies it per file */
export function jsxOptions(jsx: JsxSettings | undefined): Pick<BuildOptions, 'jsx' | 'jsxFactory' | 'jsxFragment' | 'jsxImportSource'> {
  if (!jsx) return {};
  if (jsx.runtime === 'automatic') return { jsx: 'automatic', ...(jsx.importSource ? { jsxImportSource: jsx.importSource } : {}) };
  return { jsx: 'transform', ...(jsx.factory ? { jsxFactory: jsx.factory } : {}), ...(jsx.fragment ? { jsxFragment: jsx.fragment } : {}) };
}
