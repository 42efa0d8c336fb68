import { dirname, join } from 'node:path';
import type { ImportKind, PluginBuild } from 'esbuild';

/**
 * A `require()` or `import()` of a package that is not installed fails when it runs, under Jest
 * and Vitest as under Node, not when the file is loaded: an optional dependency in a `try`, or a
 * mock factory standing in for a missing renderer (`jest.doMock('react-dom', () =>
 * require('missing'))`). The bundle gets a module that throws Node's MODULE_NOT_FOUND where the
 * call is made. So does a static import in a module the test or setup files do not import
 * themselves: Jest and Vitest load a module when it is first asked for, so one loaded only by a
 * `require()` in a `try` (next-router-mock's adapter for an older Next) fails there and not before.
 * A test or setup file's own static import of it still fails the file's build, which names the line.
 * The bundle is rebuilt once the package appears: each node_modules folder that could hold it is
 * listed as a path that must stay absent.
 */
export const MISSING_NAMESPACE = 'ptest-missing';

const LATE_KINDS: ReadonlySet<ImportKind> = new Set(['require-call', 'dynamic-import', 'require-resolve']);

/** `entryFiles`: the test and setup files, whose static imports must resolve */
export function missingModule(specifier: string, kind: ImportKind, importer: string, resolveDir: string, absent: Set<string>, entryFiles: ReadonlySet<string>): { path: string; namespace: string; pluginData: string } | undefined {
  if (!LATE_KINDS.has(kind) && entryFiles.has(importer)) return undefined;
  addPackageFolders(specifier, resolveDir, absent);
  return { path: specifier, namespace: MISSING_NAMESPACE, pluginData: importer };
}

/** each node_modules folder that could hold the package a bare specifier names, seen from `resolveDir` */
export function addPackageFolders(specifier: string, resolveDir: string, to: Set<string>): void {
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  for (let dir = resolveDir; ; dir = dirname(dir)) {
    to.add(join(dir, 'node_modules', name));
    if (dirname(dir) === dir) break;
  }
}

/** loads the module standing in for one that is not there: it throws as Node's require does */
export function loadMissingModules(build: PluginBuild): void {
  build.onLoad({ filter: /.*/, namespace: MISSING_NAMESPACE }, (args) => ({ contents: `${notFoundThrow(args.path, String(args.pluginData))};`, loader: 'js' }));
}

/** the source of a function that throws as a load of a missing module does (a virtual mock's real module) */
export function missingLoader(specifier: string, from: string): string {
  return `() => { ${notFoundThrow(specifier, from)}; }`;
}

function notFoundThrow(specifier: string, from: string): string {
  return `throw Object.assign(new Error(${JSON.stringify(notFoundMessage(specifier, from))}), { code: 'MODULE_NOT_FOUND' })`;
}

/** Jest's wording of a module that is not there (Node's names the require stack instead) */
export function notFoundMessage(specifier: string, from: string): string {
  return `Cannot find module '${specifier}' from '${from}'`;
}
