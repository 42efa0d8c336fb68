import { existsSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { PluginBuild } from 'esbuild';
import { ACTUAL_PREFIX, REGISTRY, type MockTarget } from './hoist-mocks.js';
import { isBare } from './resolve-once.js';
import { resolveImported } from './resolve-imported.js';
import { MOCK_FILE_EXTENSIONS, type PackageMock } from '../model/compat.js';
import { isPackageFile } from './package-files.js';
import { addPackageFolders } from './missing-modules.js';
import { loadsAsCommonJs } from './cjs-interop.js';

/**
 * Which module a mock call names, as the bundler will route it (mock-plugin.ts): its resolved
 * path or `node:` name, the `__mocks__` file beside it, or, for a module that does not exist and
 * may be mocked virtually, the name it is asked by (a package's) or the path it would have.
 */
export interface Resolving {
  root: string;
  resolving: symbol;
  alias: (specifier: string) => string | undefined;
  /** packages resolve to their CommonJS entry first (resolve-imported.ts) */
  requireFirst: boolean;
}

/** the files whose appearance would make a relative virtual module real */
const VIRTUAL_PATH_EXTENSIONS = ['', '.js', '.ts', '.tsx', '.jsx', '.mjs', '.cjs', '.mts', '.cts', '.json'];

/** `absent`: the files looked for and not found (a `__mocks__` file, a virtual module), since one added later changes the bundle */
export async function targetOf(build: PluginBuild, { specifier, virtual }: { specifier: string; virtual: boolean }, file: string, { root, resolving, alias, requireFirst }: Resolving, absent: Set<string>): Promise<MockTarget | undefined> {
  const withManual = (target: MockTarget, stem: string): MockTarget => {
    const candidates = MOCK_FILE_EXTENSIONS.map((ext) => stem + ext);
    const manual = candidates.find((path) => existsSync(path));
    if (manual) return { ...target, manual };
    for (const path of candidates) absent.add(path);
    return target;
  };
  const builtin = builtinId(specifier);
  if (builtin) return withManual({ id: builtin }, join(root, '__mocks__', builtin.slice('node:'.length)));
  const aliased = alias(specifier) ?? specifier;
  const resolved = await resolveImported(build, aliased, { kind: 'import-statement', resolveDir: dirname(file), importer: file, pluginData: resolving }, requireFirst);
  if (resolved.errors.length > 0 || !resolved.path) {
    if (!virtual) return undefined;
    // the module appearing later makes it a real one: the bundle must be built again
    const id = virtualId(aliased, dirname(file));
    if (!isBare(aliased)) {
      for (const ext of VIRTUAL_PATH_EXTENSIONS) absent.add(id + ext);
      return { id, virtual: true };
    }
    addPackageFolders(aliased, dirname(file), absent);
    return withManual({ id, virtual: true }, join(root, '__mocks__', aliased));
  }
  const id = resolved.path;
  if (!isPackageFile(id)) return withManual({ id }, join(dirname(id), '__mocks__', basename(id, extname(id))));
  // a package's manual mock lives in __mocks__ beside node_modules, named as it is imported
  return withManual({ id, ...(loadsAsCommonJs(id) ? { commonJs: true as const } : {}) }, join(root, '__mocks__', specifier));
}

/** what a virtual mock is registered under, as Jest keys it: a package's name, or the path a relative name gives from `dir` */
export function virtualId(specifier: string, dir: string): string {
  return isBare(specifier) ? specifier : resolve(dir, specifier);
}

/** the package mocks whose package is installed, each as the module it stands in for */
export async function packageTargets(build: PluginBuild, mocks: readonly PackageMock[], { root, resolving, requireFirst }: Resolving): Promise<{ specifier: string; target: MockTarget }[]> {
  const found = [];
  for (const { specifier, file } of mocks) {
    const resolved = await resolveImported(build, specifier, { kind: 'import-statement', resolveDir: root, pluginData: resolving }, requireFirst);
    if (resolved.errors.length === 0 && resolved.path) found.push({ specifier, target: { id: resolved.path, manual: file } });
  }
  return found;
}

/** the module registering every package mock, which the entry imports ahead of everything else */
export function packageMocksModule(mocks: readonly { specifier: string; target: MockTarget }[]): string {
  const register = ({ specifier, target }: { specifier: string; target: MockTarget }) =>
    `${REGISTRY}.register(${JSON.stringify(target.id)}, ${JSON.stringify(specifier)}, "jest", undefined, { actual: () => require(${JSON.stringify(ACTUAL_PREFIX + target.id)}), manual: () => require(${JSON.stringify(target.manual)}) });`;
  return mocks.map(register).join('\n');
}

export function builtinId(specifier: string): string | undefined {
  return isBuiltin(specifier) ? (specifier.startsWith('node:') ? specifier : `node:${specifier}`) : undefined;
}
