import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BundleCache } from './bundle-cache.js';
import type { BundleOptions } from './bundle-file.js';
import type { BuildOptions } from 'esbuild';
import { inputsOf, settingsOf } from './build-inputs.js';
import { withCommonJsInterop, type ImportInterop } from './cjs-interop.js';
import { DEFERRED_LOADER, deferImports, deferrableImports } from './deferred-imports.js';
import { freshPath } from './fresh-build.js';
import { buildFreshGraph, freshGraph } from './fresh-deps.js';
import { MOCK_NAMESPACE, entryOf, mockPlugin } from './mock-plugin.js';
import { ACTUAL_PREFIX } from './hoist-mocks.js';
import { SERIALIZERS, serializersPlugin } from './serializers-module.js';
import { sharedResolutions } from './resolve-once.js';
import { aliasRewrite } from './alias-rewrite.js';
import { RESOLVING, nodePathsPlugin } from './node-paths-plugin.js';
import { stylesheetsPlugin } from './stylesheets.js';
import { assetsPlugin } from './assets.js';
import { jestTransformsPlugin } from './jest-transforms.js';
import { IMPORT_META_DEFINES } from './original-paths.js';
import { jsxOptions } from './source-loader.js';
import { NODE_MAIN_FIELDS } from './package-resolver.js';

/** A test file, and the key its bundle is stored under in the cache. */
export interface BundleEntry {
  file: string;
  key: string;
}

/** The build behind bundleFile: esbuild with ptest's plugins, stored in the cache under `key`. */
export async function buildBundle(file: string, options: BundleOptions, cache: BundleCache, key: string): Promise<string> {
  const [path] = await buildBundles([{ file, key }], options, cache);
  return path!;
}

/**
 * One esbuild build for the bundles of `entries`, each stored under its key with the inputs its own
 * entry reaches. Files built together parse the modules they share once (build-batch.ts says which
 * files may); the modules a file may load afresh are built for a build of one file only.
 */
export async function buildBundles(entries: readonly BundleEntry[], options: BundleOptions, cache: BundleCache): Promise<string[]> {
  const { build } = await import('esbuild');
  const buildStartMs = Date.now();
  const externals = new Set<string>();
  const absent = new Set<string>();
  const outfiles = entries.map(({ key }) => cache.outputPath(key));
  const outfile = outfiles[0]!;
  const workingDir = dirname(entries[0]!.file);
  const suite = options.suite;
  const interop: ImportInterop = suite?.esModuleInterop === false ? 'typescript' : suite?.vitestInterop ? 'vitest' : 'babel';
  const serializers = suite?.serializers ?? [];
  const first = serializers.length > 0 ? [SERIALIZERS] : [];
  const tests = entries.map(({ file }) => file);
  const mocks = suite ? mockPlugin(suite.setupFiles, tests, suite.root, RESOLVING, aliasRewrite(suite.alias), (id) => freshPath(outfile, id), { first, packageMocks: suite.packageMocks ?? [], requireFirst: suite.requireCondition === true, ...(suite.inline ? { inline: suite.inline } : {}) }) : undefined;
  const pathOptions = {
    runtimeEntry: options.runtimeEntry,
    configShim: join(dirname(options.runtimeEntry), 'vitest-config.js'),
    alias: suite?.alias ?? [],
    requireCondition: suite?.requireCondition === true,
    ...(suite?.esModuleInterop === false ? { builtinsRequired: true } : {}),
    ...(suite?.inline ? { inline: suite.inline } : {}),
    ...(suite?.jsx ? { jsx: suite.jsx } : {}),
    externals,
    absent,
    entryFiles: new Set([...tests, ...(suite?.setupFiles ?? [])]),
    ...(mocks ? { transform: mocks.state.transform } : {}),
  };
  const common: BuildOptions = {
    absWorkingDir: workingDir,
    bundle: true,
    ...resolveSettings(suite),
    target: 'node20',
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'silent',
    define: IMPORT_META_DEFINES,
    // a class whose body names itself would otherwise come out as `class _Tabs`, and its `name`
    // (in React's warnings, in snapshots) would differ from what Jest and Vitest give
    keepNames: true,
    ...jsxOptions(suite?.jsx),
    // Jest's modulePaths: where a bare import no node_modules has is looked for, as NODE_PATH
    ...(suite?.modulePaths ? { nodePaths: [...suite.modulePaths] } : {}),
    // Node runs every import; a package.json `sideEffects: false` (or a /* @__PURE__ */ call) must
    // not let the bundle drop a test file, a setup file or a module imported for its effects
    ignoreAnnotations: true,
  };
  const paths = nodePathsPlugin(pathOptions);
  // (the files an asset query reads, and Jest transformers, are checked by the cache with the packages the bundle names)
  const transforms = suite?.fileTransforms ? [jestTransformsPlugin(suite.fileTransforms, suite.root, externals)] : [];
  const shared = [...transforms, stylesheetsPlugin, assetsPlugin(suite?.root ?? workingDir, externals), ...(options.resolutions ? [sharedResolutions(options.resolutions)] : [])];
  const buildOptions = {
    ...common,
    entryPoints: tests.map((file, i) => ({ in: mocks ? entryOf(i) : file, out: basename(outfiles[i]!, '.mjs') })),
    outdir: dirname(outfile),
    outExtension: { '.js': '.mjs' },
    write: false as const,
    format: 'esm' as const,
    metafile: true as const,
    plugins: [...shared, ...(mocks ? [mocks.plugin, ...(suite && first.length > 0 ? [serializersPlugin(serializers, suite.root)] : []), paths] : [paths])],
  };
  const result = await build(buildOptions).catch(async (failure: unknown) => {
    if (options.traceFailures) await (await import('./import-chain.js')).traceFailure(failure, build, buildOptions, pathOptions.entryFiles);
    throw failure;
  });
  // the modules a file may load afresh, each built on its own (found while the bundle was built)
  const fresh = new Set(mocks?.state.fresh.values());
  if (fresh.size > 0 && entries.length > 1) throw new Error('modules loaded afresh are built for a bundle of one test file');
  const freshInputs: string[] = [];
  const sidecars: string[] = [];
  if (mocks && fresh.size > 0) {
    const plugins = [...shared, mocks.plugin, nodePathsPlugin({ ...pathOptions, commonJs: true })];
    const standIns = { namespace: MOCK_NAMESPACE, actualPrefix: ACTUAL_PREFIX };
    const graph = freshGraph(result.metafile, workingDir, fresh, standIns);
    freshInputs.push(...(await buildFreshGraph(graph, (id) => freshPath(outfile, id), standIns, common, plugins, interop)));
    sidecars.push(...graph.modules.map((id) => freshPath(outfile, id)));
  }
  const outputs = new Map(result.outputFiles.map((output) => [output.path, output]));
  const absentPaths = [...(mocks?.state.absent ?? []), ...absent];
  const settingsMemo = new Map<string, string | undefined>();
  const runtime = new Set([options.runtimeEntry, pathToFileURL(options.runtimeEntry).href]);
  return Promise.all(
    entries.map(({ file, key }, i) => {
      const output = outputs.get(outfiles[i]!);
      if (!output) throw new Error(`esbuild produced no output for ${file}`);
      const inputs = [...inputsOf(result.metafile, workingDir, output.path), ...freshInputs];
      const deferred = output.text.includes(DEFERRED_LOADER) ? deferrableImports(result.metafile, workingDir, output.path, file, runtime) : new Set<string>();
      const code = withRequire(withCommonJsInterop(deferImports(output.text, deferred, file), interop), file);
      return cache.store(key, code, [...inputs, ...settingsOf(inputs, settingsMemo), ...externals], buildStartMs, { absent: absentPaths, beside: sidecars });
    }),
  );
}

/**
 * Node's own conditions, and the suite's (Vite's resolve.conditions): esbuild would add `module`
 * and could pick another file than Node. A file whose environment resolves with conditions of its
 * own (Jest's jsdom: `browser`) has them in place of Node's: esbuild's node platform always adds
 * `node`, its neutral one nothing, so those build on the neutral platform with node's main fields.
 */
function resolveSettings(suite: BundleOptions['suite']): Pick<BuildOptions, 'platform' | 'conditions' | 'mainFields'> {
  const own = suite?.conditions ?? [];
  const environment = suite?.environmentConditions;
  if (environment === undefined || environment.includes('node')) return { platform: 'node', conditions: [...new Set([...(environment ?? []), ...own])].filter((c) => c !== 'node') };
  return { platform: 'neutral', mainFields: [...NODE_MAIN_FIELDS], conditions: [...new Set([...environment, ...own])] };
}

/**
 * esbuild's ESM output calls a global `require` for CommonJS code that requires a package. Give it
 * one rooted at the original file, but only when it is needed: a banner `require` would clash with
 * an ESM file's own `const require = createRequire(...)`.
 */
function withRequire(code: string, file: string): string {
  if (!code.includes('Dynamic require of')) return code;
  const url = JSON.stringify(pathToFileURL(file).href);
  return `import { createRequire as __ptestCreateRequire } from "node:module"; const require = __ptestCreateRequire(${url});` + code;
}
