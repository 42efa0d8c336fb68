import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { BuildOptions, Message, Plugin, build as esbuildBuild } from 'esbuild';

/** what a failed build's error carries when its imports were traced: the failing module first, the test or setup file last */
export interface ImportChain {
  importChain: string[];
}

/**
 * Which imports led from a test or setup file to the module a build failed in, as Jest's "Require
 * stack" says it: esbuild names the failing module only, and a missing file three imports down
 * left users asking how their test reached it. Worked out on failure only, by building again with
 * a plugin that asks each import's answer and keeps the first importer of every module.
 */
export async function traceFailure(failure: unknown, build: typeof esbuildBuild, options: BuildOptions, roots: ReadonlySet<string>): Promise<void> {
  const failing = failingModule(failure, options.absWorkingDir ?? process.cwd());
  if (failing === undefined || roots.has(failing) || typeof failure !== 'object' || failure === null) return;
  const importers = new Map<string, string[]>();
  try {
    await build({ ...options, plugins: [recorder(importers), ...(options.plugins ?? [])] });
  } catch {
    // it fails again, as expected: the importers met before it did are what was wanted
  }
  const chain = chainTo(failing, importers, roots);
  if (chain) Object.assign(failure, { importChain: chain } satisfies ImportChain);
}

/** the first error's file, absolute (esbuild gives it from the working directory) */
function failingModule(failure: unknown, workingDir: string): string | undefined {
  const errors = (failure as { errors?: Message[] } | null)?.errors;
  const file = errors?.find((e) => e.location?.file)?.location?.file;
  return file === undefined ? undefined : resolve(workingDir, file);
}

const TRACING = Symbol('ptest-import-chain');

function recorder(importers: Map<string, string[]>): Plugin {
  return {
    name: 'ptest-import-chain',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === TRACING || !args.importer) return undefined;
        const answer = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, namespace: args.namespace, pluginData: TRACING });
        if (answer.errors.length === 0 && answer.path) importers.set(answer.path, [...(importers.get(answer.path) ?? []), args.importer]);
        return undefined;
      });
    },
  };
}

/**
 * the shortest way from the failing module back to a root (esbuild resolves imports concurrently:
 * the first importer met is not the nearest), shown through real files only (mock stand-ins and
 * entries are ptest's own)
 */
function chainTo(failing: string, importers: ReadonlyMap<string, readonly string[]>, roots: ReadonlySet<string>): string[] | undefined {
  const via = new Map<string, string>([[failing, failing]]);
  const queue = [failing];
  for (let i = 0; i < queue.length; i++) {
    const module = queue[i]!;
    if (roots.has(module)) return pathBack(module, via).filter((m) => isAbsolute(m) && existsSync(m));
    for (const importer of importers.get(module) ?? []) {
      if (via.has(importer)) continue;
      via.set(importer, module);
      queue.push(importer);
    }
  }
  return undefined;
}

/** the modules from the failing one to `root`, following each module's `via` */
function pathBack(root: string, via: ReadonlyMap<string, string>): string[] {
  const chain = [root];
  for (let module = root; via.get(module) !== module; ) chain.unshift((module = via.get(module)!));
  return chain;
}
