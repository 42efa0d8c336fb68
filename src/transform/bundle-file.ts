import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { CompatSettings, FileTransform, InlineDeps, JsxSettings, ModuleAlias, PackageMock } from '../model/compat.js';
import { fileConditionsOf } from '../compat/file-conditions.js';
import { BundleCache } from './bundle-cache.js';
import type { Resolutions } from './resolve-once.js';

/**
 * Turns a test file or config file (TS or JS, ESM or CommonJS) into one ESM bundle of it and its local imports,
 * with an inline source map. Importing a bundle under a fresh URL gives fresh instances of every
 * local module, which is how module state is kept from leaking between test files on one thread.
 */
export interface BundleOptions {
  cacheDir: string;
  /** absolute path of ptest's public entry, which `import 'ptest'` must reach */
  runtimeEntry: string;
  /**
   * For test files: the setup files bundled in front of the file (one module graph, so their
   * mocks apply to it), the suite's snapshot serializers (added ahead of them), the packages mocked
   * for every file (ahead of both), and the suite's aliases. Mocks are only hoisted in such bundles.
   * `environmentConditions`: the file's environment resolves imports with these export conditions
   * in place of Node's (Jest's jsdom: `browser`), the suite's `conditions` added to them.
   */
  suite?: { root: string; setupFiles: readonly string[]; serializers?: readonly string[]; packageMocks?: readonly PackageMock[]; alias: readonly ModuleAlias[]; conditions?: readonly string[]; environmentConditions?: readonly string[]; requireCondition?: boolean; inline?: InlineDeps; jsx?: JsxSettings; modulePaths?: readonly string[]; fileTransforms?: readonly FileTransform[]; esModuleInterop?: false; vitestInterop?: true };
  /** resolutions shared with the other builds of a run that passes the same map (not part of the cache key) */
  resolutions?: Resolutions;
  /** a failed build traces the imports that reached the failing module (import-chain.ts): a worker's build, whose error is shown */
  traceFailures?: boolean;
}

/** Bump when the bundle's shape changes, so caches built by older versions are not reused. */
const BUNDLE_FORMAT = 37;
export const esbuildVersion = (createRequire(import.meta.url)('esbuild/package.json') as { version: string }).version;
/**
 * This build of ptest: a bundle built by another is not reused, even when a change to how files
 * are bundled forgot BUNDLE_FORMAT (a stale bundle once kept 33 of a suite's files failing after
 * the fix). Told by the runtime entry, which every build and every install rewrites, and which the
 * coordinator (prebundling) and the workers name alike, so they find each other's bundles.
 */
const builds = new Map<string, string>();
function ptestBuild(runtimeEntry: string): string {
  let build = builds.get(runtimeEntry);
  if (build === undefined) {
    const { mtimeMs, size } = statSync(runtimeEntry, { throwIfNoEntry: false }) ?? { mtimeMs: 0, size: 0 };
    builds.set(runtimeEntry, (build = `${mtimeMs}:${size}`));
  }
  return build;
}

/** a test file's bundle options, the same in the workers and in the coordinator that bundles ahead of them */
export function testBundleOptions(settings: { cacheDir: string; root: string; compat: CompatSettings }, runtimeEntry: string, file: string): BundleOptions {
  const { compat } = settings;
  const environmentConditions = fileConditionsOf(file, settings.root, compat);
  const packageMocks = compat.packageMocks.length > 0 ? { packageMocks: compat.packageMocks } : {};
  const inline = compat.inlineDeps ? { inline: compat.inlineDeps } : {};
  const jsx = compat.jsx ? { jsx: compat.jsx } : {};
  const modulePaths = compat.modulePaths ? { modulePaths: compat.modulePaths } : {};
  const fileTransforms = compat.fileTransforms ? { fileTransforms: compat.fileTransforms } : {};
  // (a Vitest suite's imports of CommonJS follow Vitest's rule: cjs-interop.ts)
  const interop = compat.esModuleInterop === false ? { esModuleInterop: false as const } : compat.snapshot.dialect === 'vitest' ? { vitestInterop: true as const } : {};
  const suite = { root: settings.root, setupFiles: compat.setupFiles, serializers: compat.snapshotSerializers, ...packageMocks, alias: compat.alias, conditions: compat.conditions, ...(environmentConditions ? { environmentConditions } : {}), requireCondition: compat.requireCondition, ...inline, ...jsx, ...modulePaths, ...fileTransforms, ...interop };
  return { cacheDir: settings.cacheDir, runtimeEntry, suite };
}

function keyOf(file: string, options: BundleOptions): string {
  return JSON.stringify([BUNDLE_FORMAT, esbuildVersion, ptestBuild(options.runtimeEntry), options.runtimeEntry, file, options.suite ?? null]);
}

/**
 * Ahead of the workers: builds the bundles of the files the cache has no entry for, several in one
 * esbuild build where they can share it (build-batch.ts). Whether an entry is still valid the worker
 * checks, as always, and rebuilds a stale one itself: a full check here too would cost a warm run
 * as much as the coordinator's bundling saves a cold one.
 */
export async function prebundleFiles(files: readonly string[], options: BundleOptions): Promise<void> {
  const cache = new BundleCache(options.cacheDir);
  const entries = files.map((file) => ({ file, key: keyOf(file, options) }));
  const missing = (await Promise.all(entries.map(async (entry) => ((await cache.has(entry.key)) ? [] : [entry])))).flat();
  if (missing.length === 0) return;
  const { buildTogether } = await import('./build-batch.js');
  await buildTogether(missing, options, cache);
}

export async function bundleFile(file: string, options: BundleOptions): Promise<string> {
  const cache = new BundleCache(options.cacheDir);
  const key = keyOf(file, options);
  const cached = cache.lookup(key);
  if (cached) return cached;

  // esbuild, Babel's parser and the plugins load only for a build: a worker thread whose files are
  // all cached (a fresh one per file under --isolate worker) starts without them
  const { buildBundle } = await import('./build-bundle.js');
  return buildBundle(file, options, cache, key);
}
