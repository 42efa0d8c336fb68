import { access, readFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { RUNTIME_ENTRY } from '../runtime-paths.js';
import { importBundled } from '../transform/import-bundled.js';
import { findForeignConfig, foreignConfigKind, loadForeignConfig, type FoundConfig } from './foreign-config.js';
import type { CompiledInstead } from './foreign-shared.js';
import { withTypeTestCount } from './foreign-typecheck.js';
import { installedJestMajor } from './installed-runner.js';
import type { UserConfig } from './options.js';
import { UsageError } from './usage-error.js';
import { setVitestEnv } from '../io/runner-env.js';

/**
 * Finds and loads the config file: `--config <path>` (relative to the current directory, like every
 * path on the command line), or the first `ptest.config.{ts,mts,js,mjs,json}` in the current
 * directory, then in the root when `--root` names another one. TypeScript configs go through the
 * same esbuild bundling as test files.
 */
export const CONFIG_NAMES = ['ptest.config.ts', 'ptest.config.mts', 'ptest.config.js', 'ptest.config.mjs', 'ptest.config.json'];

export async function loadConfig(dirs: { cwd: string; root: string }, explicit: string | undefined, cacheDir: string): Promise<{ path?: string; config: UserConfig; notice?: string }> {
  const searched = [...new Set([dirs.cwd, dirs.root])];
  const path = explicit ? resolve(dirs.cwd, explicit) : await firstExisting(searched.flatMap((dir) => CONFIG_NAMES.map((name) => join(dir, name))));
  if (!path) return loadForeign(dirs.root, cacheDir);
  if (explicit && !(await exists(path))) throw new UsageError(`--config: no such file: ${explicit}`);
  // `--config jest.config.js` names the suite's own config: read as such, <rootDir> and all
  const kind = foreignConfigKind(path);
  if (kind) return loadForeign(dirs.root, cacheDir, { kind, path });
  try {
    const config = path.endsWith('.json') ? JSON.parse(await readFile(path, 'utf8')) : await importConfig(path, cacheDir);
    if (typeof config !== 'object' || config === null || Array.isArray(config)) {
      throw new Error('it must export an object (export default { ... })');
    }
    return { path, config: config as UserConfig };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`config ${path}: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** With no ptest config, the suite's own Vitest or Jest config, and a note of what ptest left out. */
async function loadForeign(root: string, cacheDir: string, named?: FoundConfig): Promise<{ path?: string; config: UserConfig; notice?: string }> {
  const found = named ?? (await findForeignConfig(root));
  if (!found) return { config: {} };
  if (found.kind === 'vitest') setVitestEnv();
  try {
    const { config, ignored: keys, compiledInstead = [], presets = [], typeTests, impliedJsx } = await loadForeignConfig(found, root, cacheDir);
    const ignored = await withTypeTestCount(keys, typeTests, root);
    const name = relative(root, found.path) || found.path;
    const withPresets = presets.length > 0 ? ` with its preset${presets.length === 1 ? '' : 's'} ${presets.join(', ')}` : '';
    const read = found.defaults ? `no config; ${name} lists ${found.kind}: ${found.kind === 'jest' ? 'Jest' : 'Vitest'}'s defaults` : `read ${name}${withPresets}`;
    // only the JSX settings are taken from the Babel config: its other plugins do not run
    const settings = config.jsx ? Object.values(config.jsx).join(', ') : '';
    // (Vite's JSX settings, or Vite 8's default, for a Vitest config: foreign-vite-jsx.ts, foreign-config.ts)
    const jsx = !config.jsx || impliedJsx ? '' : found.kind === 'jest' ? `; JSX compiled with its Babel config's JSX settings (${settings}); no other Babel plugin runs` : `; JSX compiled as Vite compiles it (${settings})`;
    const compiled = compiledInstead.length > 0 ? `; esbuild compiles TypeScript and JSX in place of ${compilersText(compiledInstead)}` : '';
    const interop = config.esModuleInterop === false ? ', importing CommonJS modules as its tsconfig does, without esModuleInterop' : '';
    const transformers = [...new Set((config.fileTransforms ?? []).flatMap((t) => (t.transformer === undefined ? [] : [basename(t.transformer)])))];
    const transforms = transformers.length > 0 ? `; ${transformers.join(', ')} transform${transformers.length === 1 ? 's' : ''} files that are not code, as in Jest` : '';
    return { path: found.path, config, notice: `${read}${implied(found, config, root)}${jsx}${compiled}${interop}${transforms}${ignored.length > 0 ? `; ignored: ${ignored.join(', ')}` : ''}` };
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
}

/**
 * What the suite's Jest decides that its config does not say, and which changes how every file
 * runs: Jest 26 and older run files in jsdom by default (compat-options applies it).
 */
function implied(found: FoundConfig, config: UserConfig, root: string): string {
  if (found.kind !== 'jest' || config.environment !== undefined) return '';
  // projects that each name theirs leave nothing to the default
  const projects = config.projects ?? [];
  if (projects.length > 0 && projects.every((project) => project.environment !== undefined)) return '';
  const major = installedJestMajor(root);
  const which = projects.length > 0 ? 'the files of projects naming no environment run' : 'files run';
  return major !== undefined && major <= 26 ? `; ${which} in jsdom, Jest ${major}'s default environment` : '';
}

async function importConfig(path: string, cacheDir: string): Promise<unknown> {
  return (await importBundled(path, { cacheDir, runtimeEntry: RUNTIME_ENTRY })).default;
}

async function firstExisting(paths: readonly string[]): Promise<string | undefined> {
  for (const path of paths) if (await exists(path)) return path;
  return undefined;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** `ts-jest (preset, transform) and babel-jest (transform)`: each compiler, with the top-level keys that named it */
function compilersText(entries: readonly CompiledInstead[]): string {
  const keys = new Map<string, Set<string>>();
  for (const { key, compiler } of entries) {
    const top = /^(?:projects\[\d+\]\.)?([\w$]+)/.exec(key)?.[1] ?? key;
    keys.set(compiler, (keys.get(compiler) ?? new Set()).add(top));
  }
  const named = [...keys].map(([compiler, from]) => `${compiler} (${[...from].join(', ')})`);
  return named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : named[0]!;
}
