import { access, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { RUNTIME_ENTRY } from '../runtime-paths.js';
import { babelJsx } from './babel-jsx.js';
import { importBundled } from '../transform/import-bundled.js';
import { fromJestConfig } from './foreign-jest.js';
import { withJestPresets } from './jest-preset.js';
import { tsJestWithoutInterop } from './ts-jest-interop.js';
import { installedViteMajor } from './installed-runner.js';
import { type ForeignConfig, isRecord } from './foreign-shared.js';
import { fromVitestConfig } from './foreign-vitest.js';
import { UsageError } from './usage-error.js';

/**
 * A project without a ptest config is run with the test settings of the runner it already has:
 * its Vitest config (or a Vite config with a `test` key), else its Jest config, else the "jest"
 * key of its package.json. What ptest cannot honour is listed, so nothing is dropped silently.
 */
export type { ForeignConfig } from './foreign-shared.js';
export { fromJestConfig } from './foreign-jest.js';
export { fromVitestConfig } from './foreign-vitest.js';

export interface FoundConfig {
  kind: 'vitest' | 'jest';
  /** absolute; package.json for a "jest" key */
  path: string;
  /** no config: the runner's defaults, for a project that has the runner installed (package.json names it) */
  defaults?: true;
}

/** Vitest's own order of extensions */
const VITE_EXTENSIONS = ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs'];
const JEST_EXTENSIONS = ['js', 'ts', 'mjs', 'cjs', 'mts', 'cts', 'json'];
/** `test:` or a shorthand `{ test }` as a key (not `mode: 'test'`): cheaper than importing a Vite config to find it has none */
const TEST_KEY = /(?:^|[\s{,])['"]?test['"]?\s*:|[{,]\s*test\s*[,}]/m;

/**
 * Which runner a config file named on the command line is for: the names findForeignConfig looks
 * for, and their variants (`jest.config.e2e.js`, as `jest --config` is often given).
 */
export function foreignConfigKind(path: string): FoundConfig['kind'] | undefined {
  const runner = /^(jest|vitest|vite)\.config\./.exec(basename(path))?.[1];
  return runner === undefined ? undefined : runner === 'jest' ? 'jest' : 'vitest';
}

export async function findForeignConfig(root: string): Promise<FoundConfig | undefined> {
  for (const ext of VITE_EXTENSIONS) {
    const path = join(root, `vitest.config.${ext}`);
    if (await exists(path)) return { kind: 'vitest', path };
  }
  for (const ext of VITE_EXTENSIONS) {
    const path = join(root, `vite.config.${ext}`);
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text !== undefined && TEST_KEY.test(text)) return { kind: 'vitest', path };
  }
  for (const ext of JEST_EXTENSIONS) {
    const path = join(root, `jest.config.${ext}`);
    if (await exists(path)) return { kind: 'jest', path };
  }
  const pkg = join(root, 'package.json');
  const manifest = await readFile(pkg, 'utf8').then(
    (text) => JSON.parse(text) as unknown,
    () => undefined,
  );
  if (!isRecord(manifest)) return undefined;
  if (manifest.jest !== undefined) return { kind: 'jest', path: pkg };
  // `jest` (or `jest-cli` alone), or `vitest`, with no config runs on its defaults (Jest's globals among them): so does ptest
  const jest = dependsOn(manifest, 'jest') || dependsOn(manifest, 'jest-cli');
  const vitest = dependsOn(manifest, 'vitest');
  return jest === vitest ? undefined : { kind: jest ? 'jest' : 'vitest', path: pkg, defaults: true };
}

function dependsOn(manifest: Record<string, unknown>, name: string): boolean {
  return ['dependencies', 'devDependencies'].some((key) => isRecord(manifest[key]) && (manifest[key] as Record<string, unknown>)[name] !== undefined);
}

export async function loadForeignConfig(found: FoundConfig, root: string, cacheDir: string): Promise<ForeignConfig> {
  const what = found.defaults ? `${found.path} (no config)` : basename(found.path) === 'package.json' ? `${found.path} ("jest")` : found.path;
  try {
    const exported = await exportedConfig(found, cacheDir);
    if (found.kind === 'vitest') return withViteJsxDefault(fromVitestConfig(exported, root), root);
    const { config, presets } = await withJestPresets(exported, root);
    const mapped = { ...fromJestConfig(config, root), ...(presets.length > 0 ? { presets } : {}) };
    const jsx = compilesWithBabel(config) ? await babelJsx(root, cacheDir, process.env) : undefined;
    const interop = isRecord(config) && tsJestWithoutInterop(config, root) ? { esModuleInterop: false } : {};
    return { ...mapped, config: { ...mapped.config, ...(jsx ? { jsx } : {}), ...interop } };
  } catch (error) {
    throw new UsageError(`${found.kind} config ${what}: ${firstLine(error)}`);
  }
}

/** Vite 8 compiles JSX with React's automatic runtime unless told otherwise (Vite 7's esbuild: the classic one) */
function withViteJsxDefault(mapped: ForeignConfig, root: string): ForeignConfig {
  if (mapped.config.jsx !== undefined || (installedViteMajor(root) ?? 0) < 8) return mapped;
  return { ...mapped, config: { ...mapped.config, jsx: { runtime: 'automatic' } }, impliedJsx: true };
}

async function exportedConfig(found: FoundConfig, cacheDir: string): Promise<unknown> {
  if (found.defaults) return {};
  if (found.path.endsWith('.json')) {
    const json = JSON.parse(await readFile(found.path, 'utf8')) as unknown;
    return basename(found.path) === 'package.json' && isRecord(json) ? json.jest : json;
  }
  const module = await importBundled(found.path, { cacheDir, runtimeEntry: RUNTIME_ENTRY });
  if (!('default' in module)) throw new Error('it has no default export (export default { ... } or module.exports = { ... })');
  // Vite's defineConfig(({ mode }) => ...) is called as `vitest run` calls it; Jest's with nothing
  const env = found.kind === 'vitest' ? [{ command: 'serve', mode: 'test', isSsrBuild: false, isPreview: false }] : [];
  let config: unknown = await module.default;
  if (typeof config === 'function') config = await (config as (...args: unknown[]) => unknown)(...env);
  return config;
}

/** Jest compiles JS with babel-jest unless its `transform` names other transformers only */
function compilesWithBabel(config: unknown): boolean {
  if (!isRecord(config) || config.transform === undefined) return true;
  return isRecord(config.transform) && Object.values(config.transform).some((t) => JSON.stringify(t).includes('babel-jest'));
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
