import { readFile } from 'node:fs/promises';
import type { InlineDeps } from '../model/compat.js';
import { loadsAsCommonJs } from './cjs-interop.js';
import { FRESH_REGISTRY } from './fresh-loads.js';
import { IMPORT_META_DEFINES, withOriginalPaths } from './original-paths.js';
import { isPackageFile } from './package-files.js';
import { loaderFor } from './source-loader.js';
import { asSpiableModule } from './spied-modules.js';

/**
 * Packages the suite inlines (Vitest's `server.deps.inline`). Vitest runs such a package through
 * its own module runner, so every importer shares one exports object whose entries a spy may
 * replace: Redux Toolkit's tests spy on redux's `createStore` and expect RTK's own modules to call
 * the spy. ptest bundles an ES module file of such a package into the test file as CommonJS with
 * replaceable exports (spied-modules.ts), once per bundle, as Vitest evaluates it once per file.
 * A CommonJS file stays Node's: what `require()` gives is one shared, changeable object already
 * (though each `import * as` of it is a namespace of its own, where Vitest's would be shared).
 */
export async function bundlesInline(path: string, deps: InlineDeps | undefined): Promise<boolean> {
  if (deps === undefined || !isPackageFile(path) || !isInlined(path, deps) || loadsAsCommonJs(path)) return false;
  return (await inlinedBuild(path)) !== undefined;
}

/** Vitest's rule: a name matches a path with `/node_modules/<name>` in it (so `redux` takes `redux-thunk` too), a RegExp the path */
export function isInlined(path: string, deps: InlineDeps): boolean {
  if (deps.all) return true;
  if (deps.names.some((name) => path.includes(`/node_modules/${name}`)) || compiled(deps.patterns).some((pattern) => pattern.test(path))) return true;
  // Jest's rule: a file that no transformIgnorePattern matches is transformed
  return deps.unlessIgnoredBy !== undefined && !compiled(deps.unlessIgnoredBy).some((pattern) => pattern.test(path));
}

const patterns = new WeakMap<readonly { source: string; flags: string }[], RegExp[]>();
function compiled(sources: readonly { source: string; flags: string }[]): RegExp[] {
  let list = patterns.get(sources);
  // without the global flag: a RegExp that keeps its lastIndex would answer every other call wrongly
  if (!list) patterns.set(sources, (list = sources.map(({ source, flags }) => new RegExp(source, flags.replace(/[gy]/g, '')))));
  return list;
}

/**
 * An inlined file's CommonJS build, once per thread: each test bundle holds the package, and a
 * package does not change during a run. Undefined for a file that cannot be CommonJS (a top-level
 * `await`): Node loads that one, as if it were not inlined.
 */
export function inlinedBuild(file: string): Promise<{ code: string; esm: boolean } | undefined> {
  let build = builds.get(file);
  if (!build) {
    build = readFile(file, 'utf8').then((source) => asSpiableModule(withOriginalPaths(source, file), file, loaderFor(file), IMPORT_META_DEFINES)).catch(() => undefined);
    builds.set(file, build);
  }
  return build;
}
const builds = new Map<string, Promise<{ code: string; esm: boolean } | undefined>>();

/**
 * A module loaded afresh after a reset is built on its own (fresh-build.ts), where an inlined
 * package would be a second instance. Its import gets this stand-in instead (namespaced
 * `ptest-inlined`, named .cjs so that esbuild takes it for CommonJS): the test bundle's instance,
 * which registers itself as it loads (`registration`), or else a copy of its own, bundled behind
 * COPY_PREFIX. Vitest's reset would give the package afresh; ptest's keeps it, as it keeps every
 * other package.
 */
export const INLINED_NAMESPACE = 'ptest-inlined';
export const COPY_PREFIX = 'ptest-inline-copy:';
const STAND_IN = '.ptest-inlined.cjs';

export function inlinedStandIn(file: string): { path: string; namespace: string } {
  return { path: file + STAND_IN, namespace: INLINED_NAMESPACE };
}

export function standInSource(path: string): string {
  const file = path.slice(0, -STAND_IN.length);
  return `module.exports = ${FRESH_REGISTRY}.inlined(${JSON.stringify(file)}, () => require(${JSON.stringify(COPY_PREFIX + file)}));`;
}

/** appended to an inlined file's CommonJS build: the first instance to load is the one stand-ins give */
export function registration(file: string): string {
  return `\n${FRESH_REGISTRY}?.registerInlined(${JSON.stringify(file)}, module.exports);\n`;
}
