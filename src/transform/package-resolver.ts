import fs from 'node:fs';
import type { BuildOptions, ImportKind } from 'esbuild';
import enhancedResolve from 'enhanced-resolve';
import { tsconfigPathsCheck } from './tsconfig-paths.js';

/**
 * Finds a package's file for a bare specifier the way esbuild does for ptest's builds (platform
 * node, main fields `main,module`, its extensions, `exports`/`imports` under Node's conditions and
 * the suite's, or neutral with node's main fields and an environment's conditions), but in JS with one directory cache for the run. esbuild's `build.resolve` makes a
 * new resolver on each call that reads every folder again (esbuild #3795): on Tiptap's first run it
 * cost twice as long as esbuild's whole build of the same files.
 *
 * It answers only where the answer is certain to be esbuild's: a file inside node_modules, for an
 * `import` or a `require` of a name that the folder's tsconfig `paths` or `baseUrl` cannot send
 * to a local file (tsconfig-paths.ts). Anything else, and a name it cannot find, is left to
 * esbuild (undefined), which gives the real answer or the real error.
 */
export type PackageResolver = (specifier: string, dir: string, kind: ImportKind) => Promise<string | undefined>;

/** esbuild's default resolveExtensions, which it also tries on a `main` without one */
const EXTENSIONS = ['.tsx', '.ts', '.jsx', '.js', '.css', '.json'];
/** esbuild's main fields on the node platform, which ptest's neutral builds name (build-bundle.ts) */
export const NODE_MAIN_FIELDS = ['main', 'module'] as const;

export function packageResolver(options: Pick<BuildOptions, 'platform' | 'mainFields' | 'conditions'>): PackageResolver {
  // the node platform adds Node's condition; the neutral one with node's main fields is ptest's build for an environment with conditions of its own
  const nodeCondition = options.platform === 'node' && options.mainFields === undefined;
  const neutral = options.platform === 'neutral' && JSON.stringify(options.mainFields) === JSON.stringify(NODE_MAIN_FIELDS);
  // another build's settings would need another resolver: esbuild answers those
  if (!nodeCondition && !neutral) return async () => undefined;
  const fileSystem = new enhancedResolve.CachedInputFileSystem(fs, Infinity);
  const resolverFor = (condition: string) =>
    enhancedResolve.create({ fileSystem, extensions: EXTENSIONS, mainFields: [...NODE_MAIN_FIELDS], conditionNames: [...(nodeCondition ? ['node'] : []), condition, 'default', ...(options.conditions ?? [])] });
  const byCondition = { import: resolverFor('import'), require: resolverFor('require') };
  const pathsMayApply = tsconfigPathsCheck();
  return (specifier, dir, kind) => {
    const condition = conditionOf(kind);
    if (condition === undefined || pathsMayApply(specifier, dir)) return Promise.resolve(undefined);
    return new Promise((settle) => {
      byCondition[condition](dir, specifier, (error, file) => settle(!error && typeof file === 'string' && file.includes('/node_modules/') ? file : undefined));
    });
  };
}

function conditionOf(kind: ImportKind): 'import' | 'require' | undefined {
  if (kind === 'import-statement' || kind === 'dynamic-import') return 'import';
  if (kind === 'require-call' || kind === 'require-resolve') return 'require';
  return undefined;
}
