import Module from 'node:module';
import { dirname } from 'node:path';

/** The part of Node's CommonJS `Module` that ptest drives by hand. */
export interface CompilableModule {
  exports: unknown;
  filename: string;
  paths: string[];
  loaded: boolean;
  require(id: string): unknown;
  _compile(code: string, filename: string): void;
}

const nodeModulePaths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths;

/** Node's CommonJS cache, by file: what `require` gives again, and what forgetting a file drops */
export const moduleCache = (Module as unknown as { _cache: Record<string, CompilableModule | undefined> })._cache;

/** a CommonJS module of `path` that Node's cache does not hold (yet), its requires resolved from its folder */
export function newModule(path: string, parent: CompilableModule | null): CompilableModule {
  const module = new Module(path, parent as unknown as Module) as unknown as CompilableModule;
  module.filename = path;
  module.paths = nodeModulePaths(dirname(path));
  return module;
}

/**
 * Runs `module`'s code into `registry` under `key`: registered before it runs, so that a circular
 * require gets its exports so far, as Node's would, and forgotten again if it throws.
 */
export function runRegistered(registry: Map<string, CompilableModule>, key: string, module: CompilableModule, run: () => void): unknown {
  registry.set(key, module);
  try {
    run();
  } catch (error) {
    registry.delete(key);
    throw error;
  }
  module.loaded = true;
  return module.exports;
}
