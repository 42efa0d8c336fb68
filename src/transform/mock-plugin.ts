import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Plugin, PluginBuild } from 'esbuild';
import { freshSpecifiers } from './fresh-loads.js';
import { PLUGIN_RESOLVED } from './plugin-resolved.js';
import { isBare } from './resolve-once.js';
import { resolveImported } from './resolve-imported.js';
import { isLocalNamespace, spiedModule, spiedModules } from './spied-modules.js';
import { ACTUAL_PREFIX, REGISTRY, RUNTIME_SPECIFIERS, hoistMocks, mockSpecifiers, type MockTarget } from './hoist-mocks.js';
import { type InlineDeps, type PackageMock } from '../model/compat.js';
import { builtinId, packageMocksModule, packageTargets, targetOf, virtualId, type Resolving } from './mock-targets.js';
import { missingLoader } from './missing-modules.js';
import { bundlesInline } from './inline-deps.js';
import { isPackageFile } from './package-files.js';

/**
 * The bundler's side of module mocking. A bundle's entry is a virtual module importing the setup
 * files and then the test file (one module graph, as Vitest runs them); loading the first entry finds
 * every module those files mock, so that before any import is resolved it is known which ones must be
 * routed through the registry: an import of a mocked module, from any bundled file, gets a small
 * CommonJS module asking the registry (`ptest-mock` namespace); `ptest-actual:<id>` is the real one.
 * The same scan finds the other module-registry calls that change how a local module is bundled:
 * loads after a reset (fresh-loads.ts) and spies on a module namespace (spied-modules.ts).
 */
const ENTRY = 'ptest-entry';

/** the virtual entry of the build's `index`th test file (a build may bundle several, see build-batch.ts) */
export function entryOf(index: number): string {
  return `${ENTRY}/${index}`;
}
/**
 * Jest's manual mocks of packages (`<rootDir>/__mocks__/axios.js`), which apply to every test file
 * with no `jest.mock` call: a module the entry imports ahead of everything else registers each one,
 * so every import of the package, from a setup file, the test or a module they load, gets the
 * mock, and a test's hoisted `jest.unmock('axios')` takes it back, as in Jest.
 */
const PACKAGE_MOCKS = 'ptest-package-mocks';

export interface MockState {
  /** mocked module ids (absolute paths, or `node:` names) */
  readonly targets: Map<string, MockTarget>;
  /** what each file's mock calls name, keyed `file\0specifier`; null: a module that does not exist */
  readonly bySpecifier: Map<string, MockTarget | null>;
  /** the local modules a file that resets its modules may load afresh (absolute paths), keyed `file\0specifier` */
  readonly fresh: Map<string, string>;
  /** the local modules a file spies on through their namespace, bundled as CommonJS (spied-modules.ts) */
  readonly spied: Set<string>;
  /** the `__mocks__` files looked for and not found: one added later would change the bundle */
  readonly absent: Set<string>;
  /** the file's mock calls rewritten and hoisted, or undefined when it has none */
  transform(source: string, file: string): string | undefined;
}

/**
 * `setupFiles`, then one of `tests`, make each entry; `alias`: the suite's aliases, so a module
 * mocked or imported by an aliased name (`@/db`) is the same module; `freshPath`: where the
 * CommonJS build of a module loaded afresh goes (fresh-build.ts); `first`: modules the entry imports
 * ahead of the setup files, not scanned for mocks (ptest's own); `packageMocks`: packages mocked for
 * every file (Jest's `<rootDir>/__mocks__`), registered before all; `inline`: the packages bundled
 * with the file (inline-deps.ts), whose original a mock takes from the bundle.
 */
export function mockPlugin(
  setupFiles: readonly string[],
  tests: readonly string[],
  root: string,
  resolving: symbol,
  alias: (specifier: string) => string | undefined,
  freshPath: (id: string) => string,
  { first = [], packageMocks = [], inline, requireFirst = false }: { first?: readonly string[]; packageMocks?: readonly PackageMock[]; inline?: InlineDeps; requireFirst?: boolean } = {},
): { plugin: Plugin; state: MockState } {
  const state: MockState = {
    targets: new Map(),
    bySpecifier: new Map(),
    fresh: new Map(),
    spied: new Set(),
    absent: new Set(),
    transform: (source, file) => {
      const fresh = (specifier: string) => {
        const id = state.fresh.get(`${file}\0${specifier}`);
        return id === undefined ? undefined : freshPath(id);
      };
      return hoistMocks(source, file, (specifier) => state.bySpecifier.get(`${file}\0${specifier}`), fresh);
    },
  };
  const plugin: Plugin = {
    name: 'ptest-mocks',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${ENTRY}/\\d+$`) }, (args) => ({ path: args.path, namespace: ENTRY }));
      let registered = '';
      let hasVirtual = false;
      // once for the build, before the first entry's imports resolve: entries load concurrently
      let scanned: Promise<number> | undefined;
      const scanAll = async () => {
        const packages = await packageTargets(build, packageMocks, { root, resolving, alias, requireFirst });
        for (const { target } of packages) state.targets.set(target.id, target);
        // the test files of a build often import one helper: read once for all of them
        const helpers = new Map<string, Promise<string>>();
        const readHelper = (path: string) => helpers.get(path) ?? helpers.set(path, readFile(path, 'utf8').catch(() => '')).get(path)!;
        for (const file of [...setupFiles, ...tests]) await scan(build, file, { root, resolving, alias, requireFirst }, state, readHelper);
        registered = packageMocksModule(packages);
        hasVirtual = [...state.targets.values()].some((target) => target.virtual);
        return packages.length;
      };
      build.onLoad({ filter: /.*/, namespace: ENTRY }, async (args) => {
        const packages = await (scanned ??= scanAll());
        const test = tests[Number(args.path.slice(ENTRY.length + 1))]!;
        const entries = [...(packages > 0 ? [PACKAGE_MOCKS] : []), ...first, ...setupFiles, test];
        return { contents: entries.map((file) => `import ${JSON.stringify(file)};`).join('\n'), loader: 'js', resolveDir: root };
      });
      build.onResolve({ filter: new RegExp(`^${PACKAGE_MOCKS}$`) }, () => ({ path: PACKAGE_MOCKS, namespace: PACKAGE_MOCKS }));
      build.onLoad({ filter: /.*/, namespace: PACKAGE_MOCKS }, () => ({ contents: registered, loader: 'js', resolveDir: root }));
      build.onResolve({ filter: new RegExp(`^${ACTUAL_PREFIX}`) }, async (args) => {
        let id = args.path.slice(ACTUAL_PREFIX.length);
        if (builtinId(id)) return { path: id, external: true };
        if (!isAbsolute(id)) {
          const resolved = await resolveImported(build, id, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: resolving }, requireFirst);
          if (resolved.errors.length > 0) return { errors: resolved.errors };
          id = resolved.path;
        }
        if (!isPackageFile(id)) return { path: id, pluginData: PLUGIN_RESOLVED };
        // an inlined package's original is the instance the bundle's other importers share
        return (await bundlesInline(id, inline)) ? spiedModule(id) : { path: id, external: true };
      });
      build.onResolve({ filter: /.*/ }, async (args) => {
        // (the module a build is of is itself, even when it is mocked: a mocked module loaded afresh is built too)
        if ((state.targets.size === 0 && state.spied.size === 0) || args.pluginData === resolving || args.kind === 'entry-point' || !isLocalNamespace(args.namespace)) return undefined;
        const builtin = builtinId(args.path);
        if (builtin) return state.targets.has(builtin) ? standIn(builtin) : undefined;
        const specifier = alias(args.path) ?? args.path;
        // (virtual mocks are rare: most builds need not work out the id every import would have as one)
        const virtual = hasVirtual ? virtualId(specifier, args.resolveDir) : undefined;
        if (virtual !== undefined && state.targets.get(virtual)?.virtual) return standIn(virtual);
        // most imports are relative ones that no mocked or spied module could answer: not worth a resolve
        if (!mayName(specifier, args.resolveDir, [...state.targets.keys(), ...state.spied])) return undefined;
        const resolved = await resolveImported(build, specifier, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: resolving }, requireFirst);
        if (state.targets.has(resolved.path)) return standIn(resolved.path);
        return state.spied.has(resolved.path) ? spiedModule(resolved.path) : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: MOCK_NAMESPACE }, (args) => {
        const id = args.path.slice(0, -STAND_IN.length);
        // both loaded synchronously, as this import needs its module now (module-mocks.ts, value())
        const target = state.targets.get(id);
        const actual = target?.virtual ? missingLoader(id, root) : `() => require(${JSON.stringify(ACTUAL_PREFIX + id)})`;
        const loaders = `${actual}${target?.manual ? `, () => require(${JSON.stringify(target.manual)})` : ''}`;
        return { contents: `module.exports = ${REGISTRY}.load(${JSON.stringify(id)}, ${loaders});`, loader: 'js', resolveDir: root };
      });
    },
  };
  return { plugin, state };
}

async function scan(build: PluginBuild, file: string, r: Resolving, state: MockState, readHelper: (path: string) => Promise<string>): Promise<void> {
  const source = await readFile(file, 'utf8');
  for (const named of mockSpecifiers(source, file)) {
    const target = await targetOf(build, named, file, r, state.absent);
    if (target) state.targets.set(target.id, target);
    state.bySpecifier.set(`${file}\0${named.specifier}`, target ?? null);
  }
  for (const specifier of freshSpecifiers(source, file)) {
    const id = await localModule(build, specifier, file, r);
    // a mocked one too: while its mock is registered the registry answers first (hoist-mocks.ts), and a reset does not clear that
    if (id !== undefined) state.fresh.set(`${file}\0${specifier}`, id);
  }
  const local = (specifier: string, from: string) => localModule(build, specifier, from, r);
  for (const id of await spiedModules(source, file, local, readHelper)) if (!state.targets.has(id)) state.spied.add(id);
}

/**
 * Whether a relative or absolute specifier could resolve to one of `ids` (the path itself, with an
 * extension, a file below it, or a TypeScript file for its `.js` name); a bare one always could (a
 * package, or a tsconfig path). Directories are taken through their real path, as esbuild's are.
 */
export function mayName(specifier: string, resolveDir: string, ids: readonly string[]): boolean {
  if (isBare(specifier)) return true;
  const base = resolve(realDir(resolveDir), specifier);
  const stem = base.replace(/\.[cm]?jsx?$/, '');
  // anything below a directory: its index, or the main of a package.json in it
  return ids.some((id) => id === base || id.startsWith(`${base}.`) || id.startsWith(`${base}/`) || (stem !== base && id.startsWith(`${stem}.`)));
}

const realDirs = new Map<string, string>();
function realDir(dir: string): string {
  let real = realDirs.get(dir);
  if (real === undefined) {
    try {
      real = realpathSync(dir);
    } catch {
      real = dir;
    }
    realDirs.set(dir, real);
  }
  return real;
}

/** The file a specifier names when it is a local module, one the bundle holds; else undefined. */
async function localModule(build: PluginBuild, specifier: string, file: string, { resolving, alias, requireFirst }: Resolving): Promise<string | undefined> {
  if (builtinId(specifier) || RUNTIME_SPECIFIERS.has(specifier)) return undefined;
  const resolved = await resolveImported(build, alias(specifier) ?? specifier, { kind: 'dynamic-import', resolveDir: dirname(file), importer: file, pluginData: resolving }, requireFirst);
  if (resolved.errors.length > 0 || resolved.namespace !== 'file' || resolved.external || !resolved.path) return undefined;
  return isPackageFile(resolved.path) ? undefined : resolved.path;
}

/** where a mocked module's stand-in lives (fresh-deps.ts follows it to the original) */
export const MOCK_NAMESPACE = 'ptest-mock';

/** the stand-in's name ends in .cjs: esbuild would take one ending in .mjs or .mts for an ES module */
const STAND_IN = '.ptest-mock.cjs';
function standIn(id: string) {
  return { path: id + STAND_IN, namespace: MOCK_NAMESPACE };
}
