import { dirname } from 'node:path';
import type { TsconfigRaw } from 'esbuild';
import { nearestConfig, parsedConfig } from './tsconfig-paths.js';

/**
 * The compile options of the tsconfig.json (or jsconfig.json) esbuild would give a file, the
 * nearest one with `extends` followed, for a compile where esbuild cannot find it by itself: one
 * file transformed on its own, or a file a plugin resolved (esbuild applies a tsconfig only to the
 * files its own resolver found, evanw/esbuild#2265: a file reached through an alias lost `"jsx":
 * "react-jsx"` and its decorators). Only the options that change esbuild's output are taken
 * (`target` decides the default of `useDefineForClassFields`); none set, none is returned.
 */
const COMPILE_OPTIONS = [
  'jsx', 'jsxFactory', 'jsxFragmentFactory', 'jsxImportSource', 'experimentalDecorators', 'useDefineForClassFields',
  'verbatimModuleSyntax', 'preserveValueImports', 'importsNotUsedAsValues', 'target',
] as const;

const raws = new Map<string, TsconfigRaw | undefined>();

export function tsconfigRawFor(file: string): TsconfigRaw | undefined {
  const config = nearestConfig(dirname(file));
  if (config === undefined) return undefined;
  if (!raws.has(config)) raws.set(config, compileOptionsOf(config));
  return raws.get(config);
}

function compileOptionsOf(config: string): TsconfigRaw | undefined {
  const options = (parsedConfig(config)?.compilerOptions ?? {}) as Record<string, unknown>;
  const picked = Object.fromEntries(COMPILE_OPTIONS.filter((key) => options[key] !== undefined).map((key) => [key, options[key]]));
  return Object.keys(picked).length === 0 ? undefined : { compilerOptions: picked as TsconfigRaw['compilerOptions'] };
}
