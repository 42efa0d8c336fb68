import { resolve } from 'node:path';
import type { BuildOptions, Metafile, Plugin } from 'esbuild';
import { buildFreshLevel } from './fresh-build.js';
import type { ImportInterop } from './cjs-interop.js';
import { FRESH_REGISTRY } from './fresh-loads.js';

/**
 * In the CommonJS build of a module loaded afresh (fresh-build.ts), each local module it imports
 * is not inlined but asked of the thread's registry, which answers with that module's own build:
 * one instance per registry, shared by every module that imports it, as in Jest's and Vitest's
 * registries. (Inlined, each build held its own copy: after a reset, a test's `store` and the
 * `actions` importing it were two different stores.) Packages, mocks and files that are not code
 * resolve as they did.
 */
export interface FreshGraph {
  /** the local modules of code that the modules loaded afresh reach, themselves included */
  modules: string[];
  /** by importer, each specifier that names one of them, and the module */
  imports: Map<string, Map<string, string>>;
}

const FRESH_DEP = 'ptest-fresh-dep';

/** how a mock's stand-in is named (mock-plugin.ts, hoist-mocks.ts): its namespace, and the prefix of its load of the original */
export interface StandIns {
  namespace: string;
  actualPrefix: string;
}
const CODE = /\.(?:[cm]?[jt]sx?|json)$/;

/**
 * The graph as the bundle's own build resolved it (its metafile keeps each import's specifier), so
 * that these builds need not resolve anything again: not through packages, nor through ptest's
 * own namespaces (a mock's stand-in, which the registry does not hold).
 */
export function freshGraph(metafile: Metafile, workingDir: string, from: Iterable<string>, standIns: StandIns): FreshGraph {
  const local = (key: string) => !/^ptest-[a-z-]+:/.test(key) && !key.includes('node_modules/') && CODE.test(key);
  const keys = new Map(Object.keys(metafile.inputs).map((key) => [resolve(workingDir, key), key]));
  const reached = new Set<string>();
  const passed = new Set<string>();
  const pending = [...from].flatMap((path) => keys.get(path) ?? []);
  for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
    // through a mock's stand-in to the module it stands for: its original comes from the registry too
    const standIn = key.startsWith(`${standIns.namespace}:`);
    if (reached.has(key) || passed.has(key) || (!standIn && !local(key))) continue;
    (standIn ? passed : reached).add(key);
    for (const { path, external } of metafile.inputs[key]?.imports ?? []) if (!external) pending.push(path);
  }
  const imports = new Map<string, Map<string, string>>();
  for (const key of reached) {
    const named = new Map<string, string>();
    for (const { path, original, external } of metafile.inputs[key]?.imports ?? []) if (!external && original !== undefined && reached.has(path)) named.set(original, resolve(workingDir, path));
    imports.set(resolve(workingDir, key), named);
  }
  return { modules: [...new Set([...from, ...[...reached].map((key) => resolve(workingDir, key))])], imports };
}

export function freshDepsPlugin(graph: FreshGraph, sidecarOf: (id: string) => string, { namespace, actualPrefix }: StandIns): Plugin {
  return {
    name: 'ptest-fresh-deps',
    setup(build) {
      const modules = new Set(graph.modules);
      build.onResolve({ filter: /.*/ }, (args) => {
        // a stand-in's load of the original it stands for
        if (args.namespace === namespace && args.path.startsWith(actualPrefix)) {
          const original = args.path.slice(actualPrefix.length);
          return modules.has(original) ? { path: original, namespace: FRESH_DEP } : undefined;
        }
        if (args.namespace !== 'file' || args.pluginData !== undefined) return undefined;
        const path = graph.imports.get(args.importer)?.get(args.path);
        return path === undefined ? undefined : { path, namespace: FRESH_DEP };
      });
      build.onLoad({ filter: /.*/, namespace: FRESH_DEP }, (args) => ({ contents: `module.exports = ${FRESH_REGISTRY}.dep(${JSON.stringify(sidecarOf(args.path))});`, loader: 'js' }));
    },
  };
}

/** Builds each module of the graph on its own beside the bundle (in one build), and returns the files read. */
export function buildFreshGraph(graph: FreshGraph, sidecarOf: (id: string) => string, standIns: StandIns, common: BuildOptions, plugins: Plugin[], interop: ImportInterop): Promise<string[]> {
  return buildFreshLevel(graph.modules, sidecarOf, common, [freshDepsPlugin(graph, sidecarOf, standIns), ...plugins], interop);
}
