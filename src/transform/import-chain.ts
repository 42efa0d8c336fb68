import { existsSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';
import type { BuildOptions, Message, Plugin, build as esbuildBuild } from 'esbuild';
import { ACTUAL_PREFIX } from './hoist-mocks.js';

/** what a failed build's error carries when its imports were traced: the failing module first, the test or setup file last */
export interface ImportChain {
  importChain: string[];
}

/**
 * Which imports led from a test or setup file to the module a build failed in, as Jest's "Require
 * stack" says it: esbuild names the failing module only, and a missing file three imports down
 * left users asking how their test reached it. Worked out on failure only, by building again with
 * a plugin that notes each import's importer and the path it names. The path is not resolved (a
 * plugin asking esbuild to resolve every import hung a build): a module is matched by its path
 * with or without its extension, or as its folder's index, which covers relative imports, the ones
 * a bundle's own modules make; a chain through an alias is not found, and none is shown.
 */
export async function traceFailure(failure: unknown, build: typeof esbuildBuild, options: BuildOptions, roots: ReadonlySet<string>): Promise<void> {
  const failing = failingModule(failure, options.absWorkingDir ?? process.cwd());
  if (failing === undefined || roots.has(failing) || typeof failure !== 'object' || failure === null) return;
  const importers = new Map<string, string[]>();
  try {
    await build({ ...options, plugins: [recorder(importers), ...(options.plugins ?? [])] });
  } catch {
    // it fails again, as expected: the imports met before it did are what was wanted
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

function recorder(importers: Map<string, string[]>): Plugin {
  return {
    name: 'ptest-import-chain',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        const path = args.path.startsWith(ACTUAL_PREFIX) ? args.path.slice(ACTUAL_PREFIX.length) : args.path.replace(/\?.*$/, '');
        if (!args.importer || !(path.startsWith('.') || isAbsolute(path))) return undefined;
        const named = resolve(args.resolveDir, path);
        importers.set(named, [...(importers.get(named) ?? []), args.importer]);
        return undefined;
      });
    },
  };
}

/** what an import of `module` may have named it: its path, without its extension, or its folder for an index */
function namesOf(module: string): string[] {
  const bare = module.slice(0, module.length - extname(module).length);
  return [module, bare, ...(basename(bare) === 'index' ? [dirname(bare)] : [])];
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
    for (const importer of namesOf(module).flatMap((name) => importers.get(name) ?? [])) {
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
