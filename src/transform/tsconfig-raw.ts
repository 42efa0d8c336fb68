import { dirname } from 'node:path';
import type { TsconfigRaw } from 'esbuild';
import { parseTsconfig, type Cache } from 'get-tsconfig';
import { nearestFile } from './nearest-file.js';

/**
 * The compile options of the tsconfig.json esbuild would give a file (the nearest one, `extends`
 * followed), for a compile where esbuild cannot find it by itself: one file transformed on its own,
 * or a file a plugin resolved (esbuild applies tsconfig.json only to files its own resolver found,
 * evanw/esbuild#2265: a file reached through an alias lost `"jsx": "react-jsx"` and its decorators).
 * Read once per config for the life of the thread or build.
 */
const COMPILE_OPTIONS = [
  'jsx', 'jsxFactory', 'jsxFragmentFactory', 'jsxImportSource', 'experimentalDecorators', 'useDefineForClassFields',
  'verbatimModuleSyntax', 'preserveValueImports', 'importsNotUsedAsValues', 'alwaysStrict', 'strict', 'target',
] as const;

const configs = new Map<string, string | undefined>();
const parsed: Cache = new Map();
const raws = new Map<string, TsconfigRaw | undefined>();

export function tsconfigRawFor(file: string): TsconfigRaw | undefined {
  if (file.includes('/node_modules/')) return undefined;
  const config = nearestFile(dirname(file), 'tsconfig.json', configs);
  if (config === undefined) return undefined;
  if (!raws.has(config)) raws.set(config, compileOptionsOf(config));
  return raws.get(config);
}

function compileOptionsOf(config: string): TsconfigRaw | undefined {
  let options: Record<string, unknown>;
  try {
    options = (parseTsconfig(config, parsed).compilerOptions ?? {}) as Record<string, unknown>;
  } catch {
    return undefined; // esbuild reports a broken tsconfig.json where it meets it
  }
  const picked = Object.fromEntries(COMPILE_OPTIONS.filter((key) => options[key] !== undefined).map((key) => [key, options[key]]));
  // none set: esbuild's defaults are the config's, and a plugin-resolved file needs no compile of its own
  return Object.keys(picked).length === 0 ? undefined : { compilerOptions: picked as TsconfigRaw['compilerOptions'] };
}
