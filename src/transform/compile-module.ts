import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { IMPORT_META_DEFINES, withOriginalPaths } from './original-paths.js';
import type { JsxSettings } from '../model/compat.js';
import { jsxOptions, loaderFor } from './source-loader.js';
import { tsconfigRawFor } from './tsconfig-raw.js';

/**
 * One local module as CommonJS, for the thread's loader of computed `require(name)` /
 * `import(name)` (worker/computed-loads.ts): a module reached only at run time, which no bundle
 * holds. Transformed alone (its own imports become `require` calls for the loader to answer, so
 * they meet the mocks and the module registry too), synchronously, since `require` is; with the
 * nearest tsconfig.json for JSX and decorators (`extends` followed), and an inline source map for stacks.
 */
const require = createRequire(import.meta.url);
type TransformSync = typeof import('esbuild').transformSync;
let transformSync: TransformSync | undefined;

const compiled = new Map<string, { mtimeMs: number; code: string }>();

export class CannotCompile extends Error {}

/** `jsx`: the suite's JSX in `.js` files (transform/source-loader.ts) */
export function compileModule(path: string, jsx?: JsxSettings): string {
  const mtimeMs = statSync(path).mtimeMs;
  const hit = compiled.get(path);
  if (hit?.mtimeMs === mtimeMs) return hit.code;
  transformSync ??= (require('esbuild') as typeof import('esbuild')).transformSync;
  const source = withOriginalPaths(readFileSync(path, 'utf8'), path);
  const options = { ...jsxOptions(jsx), loader: loaderFor(path, jsx !== undefined), format: 'cjs' as const, platform: 'node' as const, target: 'node20', sourcemap: 'inline' as const, sourcefile: path, define: IMPORT_META_DEFINES, logLevel: 'silent' as const };
  const tsconfigRaw = tsconfigRawFor(path);
  let code: string;
  try {
    code = transformSync(source, { ...options, ...(tsconfigRaw ? { tsconfigRaw } : {}) }).code;
  } catch (error) {
    const reason = (error as { errors?: { text: string }[] }).errors?.[0]?.text ?? (error as Error).message;
    throw new CannotCompile(`ptest cannot compile ${path} for a require() or import() at run time: ${reason}`);
  }
  compiled.set(path, { mtimeMs, code });
  return code;
}

/** an ES module's source as CommonJS, for Node's loader (worker/module-syntax-retry.ts); the lines stay where they were */
export function commonJsOf(source: string, path: string): string {
  transformSync ??= (require('esbuild') as typeof import('esbuild')).transformSync;
  return transformSync(source, { loader: 'js', format: 'cjs', platform: 'node', target: 'node20', sourcemap: 'inline', sourcefile: path, logLevel: 'silent' }).code;
}
