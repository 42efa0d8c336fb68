import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ImportKind, OnResolveArgs, OnResolveResult, Plugin } from 'esbuild';
import { CONFIG_HELPER_SPECIFIERS, type InlineDeps, type JsxSettings, type ModuleAlias } from '../model/compat.js';
import { aliasRewrite } from './alias-rewrite.js';
import { rewriteComputedLoads } from './computed-loads.js';
import { joinAttributeLines } from './jsx-attribute-lines.js';
import { withoutTypeOnlyExports } from './type-only-exports.js';
import { loaderFor } from './source-loader.js';
import { PLUGIN_RESOLVED, withTsconfig } from './plugin-resolved.js';
import { ESM_BRIDGE_NAMESPACE, esmBridge } from './esm-bridge.js';
import { COPY_PREFIX, INLINED_NAMESPACE, bundlesInline, inlinedBuild, inlinedStandIn, registration, standInSource } from './inline-deps.js';
import { isPackageFile } from './package-files.js';
import { CJS_FILE_NAMESPACE, CJS_NAMESPACE, cjsStandIn, isCommonJsUnderModuleLabel, loadsAsCommonJs } from './cjs-interop.js';
import { RUNTIME_SPECIFIERS } from './hoist-mocks.js';
import { legacyPackageFile } from './legacy-resolve.js';
import { loadMissingModules, missingModule } from './missing-modules.js';
import { resolveOnce } from './resolve-once.js';
import { resolveImported } from './resolve-imported.js';
import { SPIED_NAMESPACE, asSpiableModule, isLocalNamespace, spiedFile, spiedModule } from './spied-modules.js';
import { importsTestApi } from './test-api-packages.js';
import { loadsMappedSource } from './mapped-dependents.js';
import { IMPORT_META_DEFINES, withOriginalPaths } from './original-paths.js';

/**
 * Makes a bundled test file behave as if Node had loaded it where it lies, although the bundle is
 * written to a cache directory:
 * - packages stay external (shared and loaded by Node once per worker) but are resolved at build
 *   time, from the importing file, to absolute paths, so the cache's location does not matter
 *   (the build must use Node's conditions, not esbuild's extra `module`, to pick the same file);
 * - `ptest`, `vitest` (and Vite+'s `vite-plus/test`) and `@jest/globals` resolve to this very
 *   runtime, so registrations reach the worker's collector (neither runner need be installed), also
 *   from a package that imports them (bundled for it: test-api-packages.ts), and `vitest/config`
 *   to a stand-in;
 * - the suite's aliases (Vitest's `alias`, Jest's `moduleNameMapper`) apply before anything else;
 * - `import.meta.url` / `dirname` / `filename` and CommonJS `__dirname` / `__filename` name the
 *   original file, so tests that read fixtures next to themselves keep working (the bundle must be
 *   built with IMPORT_META_DEFINES).
 */
export interface NodePathsOptions {
  runtimeEntry: string;
  /** what `import 'vitest/config'` (or 'vite-plus') in a config file gets: defineConfig and friends */
  configShim: string;
  alias: readonly ModuleAlias[];
  /** an import of a package takes its `require` entry where it has one (Jest's suites) */
  requireCondition: boolean;
  /** collects the packages the bundle names, whose change must rebuild it */
  externals: Set<string>;
  /** collects the paths whose appearance must rebuild it (where a missing package would be installed) */
  absent: Set<string>;
  /** the test and setup files: their own static imports of a missing package fail the build */
  entryFiles: ReadonlySet<string>;
  /** a rewrite of each local source file after its paths are fixed (mock hoisting) */
  transform?: (source: string, file: string) => string | undefined;
  /** packages bundled into the test file with replaceable exports (inline-deps.ts) */
  inline?: InlineDeps;
  /** the suite writes JSX in `.js` files too, compiled so (a Jest project's Babel config) */
  jsx?: JsxSettings;
  /** the build's output is CommonJS (fresh-build.ts): every external is required, by path */
  commonJs?: boolean;
  /** Node's built-in modules are required, not imported: `import * as fs` is the `fs` module itself (TypeScript without esModuleInterop) */
  builtinsRequired?: boolean;
}

export function nodePathsPlugin(o: NodePathsOptions): Plugin {
  const rewrite = aliasRewrite(o.alias);
  // in CommonJS output an import of an external becomes a require, which takes a path, not a URL
  const kindOf = (kind: ImportKind): ImportKind => (o.commonJs ? 'require-call' : kind);
  // the modules bundled as CommonJS that were ES modules (spied-modules.ts)
  const convertedModules = new Set<string>();
  // such a module requires what it imported: resolved as imported, the same file as its other importers get
  const importKind = (args: OnResolveArgs): ImportKind => (args.kind === 'require-call' && args.namespace === SPIED_NAMESPACE && convertedModules.has(args.importer) ? 'import-statement' : args.kind);
  // a module loaded afresh shares the test bundle's instance (inline-deps.ts)
  const inlined = (file: string) => (o.commonJs ? inlinedStandIn(file) : spiedModule(file));
  return {
    name: 'ptest-node-paths',
    setup(build) {
      const resolveBare = async (args: OnResolveArgs, kind: ImportKind): Promise<OnResolveResult | undefined> => {
        if (isBuiltin(args.path)) return o.builtinsRequired && (kind === 'import-statement' || kind === 'dynamic-import') ? { path: args.path, namespace: CJS_NAMESPACE } : { path: args.path, external: true };
        if (RUNTIME_SPECIFIERS.has(args.path)) return external(o.runtimeEntry, kindOf(kind));
        if (CONFIG_HELPERS.has(args.path)) return external(o.configShim, kindOf(kind));
        const resolved = await resolveImported(build, args.path, { kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: RESOLVING }, o.requireCondition);
        if (resolved.errors.length > 0) {
          // a package whose `exports` cannot be followed may still be found as before `exports` (Jest 27)
          const legacy = args.resolveDir ? legacyPackageFile(args.path, args.resolveDir) : undefined;
          if (legacy === undefined) return missingModule(args.path, kind, args.importer, args.resolveDir, o.absent, o.entryFiles) ?? { errors: resolved.errors };
          return loadsAsCommonJs(legacy) ? packageFile(legacy, kindOf(kind), o.externals) : asCommonJsFile({ path: legacy }, o.externals);
        }
        // tsconfig `paths` aliases can resolve a bare-looking name to a local file: bundle those.
        if (!isPackageFile(resolved.path)) return undefined;
        // Jest (its suites resolve with the require condition) maps what packages load too; Vitest leaves them to Node
        const mapsPackages = o.requireCondition && o.alias.length > 0;
        if (importsTestApi(resolved.path) || (mapsPackages && loadsMappedSource(resolved.path, rewrite))) return asCommonJsFile({ path: resolved.path }, o.externals);
        if (await bundlesInline(resolved.path, o.inline)) return inlined(resolved.path);
        return packageFile(resolved.path, kindOf(kind), o.externals);
      };
      if (o.alias.length > 0) {
        build.onResolve({ filter: /.*/ }, async (args) => {
          if (args.pluginData === RESOLVING || args.pluginData === ALIASED || !isLocalNamespace(args.namespace)) return undefined;
          const path = rewrite(args.path);
          if (path === undefined) return undefined;
          // resolved again from the top, once: the result may be a package, or ptest itself
          const resolved = await resolveOnce(build, path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: ALIASED });
          if (resolved.errors.length > 0) return { errors: resolved.errors };
          // an alias straight into node_modules (Jest's moduleNameMapper often has one) names a package
          // file: Node loads it if it can; one in a "type": "module" package may still be CommonJS
          // code (Jest loads it so anyway), which only the bundler can take either way
          if (resolved.namespace === 'file' && (await bundlesInline(resolved.path, o.inline))) return inlined(resolved.path);
          const nodeLoads = !resolved.external && resolved.namespace === 'file' && isPackageFile(resolved.path) && loadsAsCommonJs(resolved.path);
          if (nodeLoads) return packageFile(resolved.path, kindOf(args.kind), o.externals);
          if (resolved.namespace === 'file' && isPackageFile(resolved.path)) return asCommonJsFile(resolved, o.externals);
          return resolved.namespace === 'file' && !resolved.external ? { ...resolved, pluginData: PLUGIN_RESOLVED } : resolved;
        });
        // what such a file requires of its own package may be CommonJS under the same label
        build.onResolve({ filter: /^\./, namespace: CJS_FILE_NAMESPACE }, async (args) => {
          const resolved = await resolveOnce(build, args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: RESOLVING });
          return resolved.errors.length > 0 ? { errors: resolved.errors } : asCommonJsFile(resolved, o.externals);
        });
        build.onLoad({ filter: /.*/, namespace: CJS_FILE_NAMESPACE }, async (args) => ({ contents: withOriginalPaths(await readFile(args.path, 'utf8'), args.path), loader: 'js', resolveDir: dirname(args.path) }));
      }
      // an inlined package's own copy, and the bridge's import of a URL: ahead of the rule for bare names
      build.onResolve({ filter: new RegExp(`^${COPY_PREFIX}`) }, (args) => spiedModule(args.path.slice(COPY_PREFIX.length)));
      build.onResolve({ filter: /.*/, namespace: ESM_BRIDGE_NAMESPACE }, (args) => ({ path: args.path, external: true }));
      build.onLoad({ filter: /.*/, namespace: ESM_BRIDGE_NAMESPACE }, (args) => ({ contents: esmBridge(args.path), loader: 'js' }));
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === RESOLVING) return undefined;
        const kind = importKind(args);
        const asImport = kind !== args.kind;
        const resolved = await resolveBare(args, kind);
        // an ES module package it imported cannot be required on Node 20: bridged
        return asImport && resolved?.external && resolved.path?.startsWith('file:') ? { path: resolved.path, namespace: ESM_BRIDGE_NAMESPACE } : resolved;
      });
      // the stand-in's own require of the package stays external: Node loads it, once per worker
      build.onResolve({ filter: /.*/, namespace: CJS_NAMESPACE }, (args) => ({ path: args.path, external: true }));
      build.onLoad({ filter: /.*/, namespace: CJS_NAMESPACE }, (args) => ({ contents: cjsStandIn(args.path), loader: 'js' }));
      loadMissingModules(build);
      // mocks first, so that the path prelude stays in front of the code hoisted above the imports
      // (the mock rewrite routes computed loads itself, in the same pass)
      const localSource = async (path: string) => {
        const read = await readFile(path, 'utf8');
        // JSX is Babel's when the suite's Babel config compiles it (o.jsx): babel-jest takes TypeScript too
        const joined = o.jsx && /\.[jt]sx?$/.test(path) ? (joinAttributeLines(read, path) ?? read) : read;
        const source = /\.(?:c?ts|tsx)$/.test(path) ? (withoutTypeOnlyExports(joined, path) ?? joined) : joined;
        return withOriginalPaths(o.transform?.(source, path) ?? rewriteComputedLoads(source, path) ?? source, path);
      };
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/, namespace: 'file' }, async (args) => {
        // a package file bundled keeps its own paths too, but is not the suite's to rewrite for mocks
        if (isPackageFile(args.path)) return { contents: withOriginalPaths(await readFile(args.path, 'utf8'), args.path), loader: loaderFor(args.path) };
        const source = await localSource(args.path);
        const loader = loaderFor(args.path, o.jsx !== undefined);
        return args.pluginData === PLUGIN_RESOLVED ? withTsconfig(source, args.path, loader, o.jsx) : { contents: source, loader };
      });
      build.onLoad({ filter: /.*/, namespace: SPIED_NAMESPACE }, async (args) => {
        const file = spiedFile(args.path);
        // not a file to esbuild's metafile: listed, so that a change to it rebuilds the bundle
        o.externals.add(file);
        // an inlined package's file is not the suite's to rewrite
        const built = isPackageFile(file) ? await inlinedBuild(file) : await asSpiableModule(await localSource(file), file, loaderFor(file, o.jsx !== undefined), IMPORT_META_DEFINES, o.jsx);
        if (!built) throw new Error(`${file}: an inlined package file that cannot be bundled as CommonJS`);
        const { code, esm } = built;
        if (esm) convertedModules.add(args.path);
        return { contents: isPackageFile(file) ? code + registration(file) : code, loader: 'js', resolveDir: dirname(file) };
      });
      build.onLoad({ filter: /.*/, namespace: INLINED_NAMESPACE }, (args) => ({ contents: standInSource(args.path), loader: 'js' }));
      // the files an inlined package's file imports of its own are inlined as it is
      build.onResolve({ filter: /^\./, namespace: SPIED_NAMESPACE }, async (args) => {
        if (args.pluginData === RESOLVING || !isPackageFile(args.importer) || o.inline === undefined) return undefined;
        const resolved = await resolveOnce(build, args.path, { kind: importKind(args), resolveDir: args.resolveDir, importer: args.importer, pluginData: RESOLVING });
        return resolved.errors.length === 0 && (await bundlesInline(resolved.path, o.inline)) ? spiedModule(resolved.path) : undefined;
      });
    },
  };
}

const CONFIG_HELPERS: ReadonlySet<string> = new Set(CONFIG_HELPER_SPECIFIERS);

/** pluginData of a resolution that must skip ptest's own rules (they called it) */
export const RESOLVING = Symbol('ptest-resolving');
const ALIASED = Symbol('ptest-aliased');

/** A package file bundled as it is, but as CommonJS where it is CommonJS under a module label (see cjs-interop.ts). */
function asCommonJsFile<T extends { path: string }>(resolved: T, externals: Set<string>): T | { path: string; namespace: string } {
  if (!isCommonJsUnderModuleLabel(resolved.path)) return resolved;
  // not a file to esbuild's metafile any more: listed, so that a change to it rebuilds the bundle
  externals.add(resolved.path);
  return { path: resolved.path, namespace: CJS_FILE_NAMESPACE };
}

/** a file of a package: external, loaded by Node; an import of CommonJS goes through a stand-in (cjs-interop.ts) */
function packageFile(path: string, kind: string, externals: Set<string>) {
  // the bundle names this file: if a package upgrade moves or changes it, rebuild
  externals.add(path);
  const imported = kind === 'import-statement' || kind === 'dynamic-import';
  return imported && loadsAsCommonJs(path) ? { path, namespace: CJS_NAMESPACE } : external(path, kind);
}

function external(path: string, kind: string) {
  // `import` wants a URL (portable across platforms); `require` wants a path.
  const isRequire = kind === 'require-call' || kind === 'require-resolve';
  return { path: isRequire ? path : pathToFileURL(path).href, external: true };
}

