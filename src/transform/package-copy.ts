import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { BundleCache } from './bundle-cache.js';
import { loadsAsCommonJs } from './cjs-interop.js';
import { esbuildVersion } from './bundle-file.js';
import { nearestFile } from './nearest-file.js';
import { withOwnPaths } from './original-paths.js';
import { holdingGlobals, nodeOwnGlobals } from '../io/node-own-globals.js';

/**
 * A package and everything it imports in one file, built by esbuild and kept in the cache until one
 * of the packages in it is installed again. Node loads an ES module package file by file: happy-dom
 * 21 is 611 files and takes about 0.3 s to import in a fresh process, its single-file copy under
 * 0.1 s. A fresh worker per test file (`--isolate worker`, Vitest's default) pays that load for
 * every file. A CommonJS package (jsdom) is copied as CommonJS, which a worker compiles from V8's
 * code cache (worker/cached-load.ts): jsdom's copy loads and makes its first window in about 125 ms
 * instead of 230 ms as an ES module, which Node 20 compiles anew in every thread.
 */
const COPY_FORMAT = 5;
/** CommonJS code in the copy requires Node's builtins through a real `require` */
const REQUIRE_BANNER = 'import { createRequire as __ptestCopyRequire } from "node:module"; const require = __ptestCopyRequire(import.meta.url);';

/**
 * A package file that finds a file beside it (jsdom: `require.resolve("./xhr-sync-worker.js")`) or
 * uses its own `__dirname` keeps doing so from the copy: such names are given their original values.
 */
const filesInPlace: Plugin = {
  name: 'ptest-files-in-place',
  setup(build) {
    build.onLoad({ filter: /\.c?js$/ }, async ({ path }) => {
      const code = await readFile(path, 'utf8');
      if (!/require\.resolve\(|__dirname|__filename/.test(code)) return undefined;
      const resolved = code.replace(/require\.resolve\((["'])(\.{1,2}\/[^"'\n]+)\1\)/g, (_, _quote, relative: string) => JSON.stringify(resolve(dirname(path), relative)));
      // (an ES module copy is strict throughout: a "use strict" pushed down changes nothing)
      return { contents: withOwnPaths(resolved, path), loader: 'js' };
    });
  },
};

/**
 * The copy of the package whose entry file is `entry`, built now if there is no valid one. A
 * package that cannot be copied gets a copy that throws as it loads, kept like any other, so that
 * every fresh worker does not try again (and its caller falls back to Node's import at once).
 *
 * `ownNodeGlobals`: the copy holds on to Node's own globals as they are when it loads (jsdom's,
 * for a Jest suite's jsdom files: io/node-own-globals.ts).
 */
export async function singleFileCopy(entry: string, cacheDir: string, ownNodeGlobals = false): Promise<string> {
  const cache = new BundleCache(join(cacheDir, 'packages'), copiedAsCommonJs(entry) ? '.cjs' : '.mjs');
  const own = ownNodeGlobals ? nodeOwnGlobals() : [];
  const key = JSON.stringify([COPY_FORMAT, esbuildVersion, entry, own]);
  const cached = cache.lookup(key);
  if (cached) return cached;
  const buildStartMs = Date.now();
  const memo = new Map<string, string | undefined>();
  // A package is installed again as a whole, package.json included: its manifest is what is checked.
  const manifestOf = (file: string): string[] => [nearestFile(dirname(file), 'package.json', memo) ?? []].flat();
  try {
    const { code, inputs } = await copyOf(entry, cache.outputPath(key), copiedAsCommonJs(entry), own);
    return await cache.store(key, code, [...new Set(inputs.flatMap(manifestOf))], buildStartMs);
  } catch (error) {
    const failed = `throw new Error(${JSON.stringify(`ptest could not copy ${entry}: ${error instanceof Error ? error.message : String(error)}`)});`;
    await cache.store(key, failed, [entry, ...manifestOf(entry)], buildStartMs);
    throw error;
  }
}

/** a package whose entry Node loads as CommonJS is copied as CommonJS (cached-load.ts compiles it from V8's cache) */
export function copiedAsCommonJs(entry: string): boolean {
  return loadsAsCommonJs(entry);
}

function wrapped({ head, tail }: { head: string; tail: string }): { banner: { js: string }; footer: { js: string } } {
  return { banner: { js: head }, footer: { js: tail } };
}

/**
 * esbuild's bundle of the package. An optional dependency that is not installed (jsdom's `canvas`,
 * found with a `require` in a `try`) is left to Node to look for at run time, as it is without a copy.
 */
async function copyOf(entry: string, outfile: string, commonJs: boolean, ownGlobals: readonly string[]): Promise<{ code: string; inputs: string[] }> {
  const { build } = await import('esbuild');
  const workingDir = dirname(entry);
  const options = {
    entryPoints: [entry],
    absWorkingDir: workingDir,
    bundle: true,
    format: commonJs ? ('cjs' as const) : ('esm' as const),
    platform: 'node' as const,
    target: 'node20',
    write: false as const,
    outfile,
    metafile: true as const,
    ...(commonJs ? {} : { banner: { js: REQUIRE_BANNER } }),
    // (a CommonJS copy only: an ES module's imports and exports cannot be inside a function)
    ...(ownGlobals.length > 0 && commonJs ? wrapped(holdingGlobals(ownGlobals)) : {}),
    plugins: [filesInPlace],
    // one scope for the whole package: two of its classes of one name would come out renamed
    // (jsdom's DocumentFragment as DocumentFragment2), and pretty-format and others go by `constructor.name`
    keepNames: true,
    // as ptest's bundles: Node's conditions only, and nothing dropped for a `sideEffects: false`
    conditions: [],
    ignoreAnnotations: true,
    logLevel: 'silent' as const,
  };
  let external: string[] = [];
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await build({ ...options, external });
      return { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs).map((input) => resolve(workingDir, input)) };
    } catch (error) {
      const missing = ((error as { errors?: { text: string }[] }).errors ?? []).map((e) => /^Could not resolve "([^"]+)"/.exec(e.text)?.[1]);
      // esbuild names every name it could not find at once: one more build, or none
      if (attempt > 0 || missing.length === 0 || missing.some((name) => name === undefined || name.startsWith('.'))) throw error;
      external = missing as string[];
    }
  }
}
