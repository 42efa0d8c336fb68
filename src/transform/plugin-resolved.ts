import type { Loader, OnLoadResult } from 'esbuild';
import type { JsxSettings } from '../model/compat.js';
import { jsxOptions } from './source-loader.js';
import { tsconfigRawFor } from './tsconfig-raw.js';

/**
 * A local file that one of ptest's plugins resolved (through an alias, or as a mocked module's
 * original) gets no tsconfig.json from esbuild, which applies one only to the files its own
 * resolver found (evanw/esbuild#2265): compiled with esbuild's defaults, JSX under `"jsx":
 * "react-jsx"` became `React.createElement` (RTK's helpers: `React is not defined`) and
 * experimental decorators became standard ones. Such a file is marked as it is resolved, and
 * compiled on load with its tsconfig.json, its inline source map leading back to its lines.
 */
export const PLUGIN_RESOLVED = Symbol('ptest-plugin-resolved');

/** `jsx`: the suite's JSX settings, which the bundle would have applied to the file (a tsconfig's own still win) */
export async function withTsconfig(source: string, path: string, loader: Loader, jsx?: JsxSettings): Promise<OnLoadResult> {
  const tsconfigRaw = tsconfigRawFor(path);
  if (tsconfigRaw === undefined || loader === 'js') return { contents: source, loader };
  const { transform } = await import('esbuild');
  // nothing lowered here: the bundle's own target does that
  const { code } = await transform(source, { ...jsxOptions(jsx), loader, tsconfigRaw, sourcefile: path, sourcemap: 'inline', target: 'esnext', logLevel: 'silent' });
  // still TypeScript to the bundler, which then takes a re-export it finds no value for as a type's
  return { contents: code, loader: loader === 'jsx' ? 'js' : 'ts' };
}
