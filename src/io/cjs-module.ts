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

/** a CommonJS module of `path` that Node's cache does not hold (yet), its requires resolved from its folder */
export function newModule(path: string, parent: CompilableModule | null): CompilableModule {
  const module = new Module(path, parent as unknown as Module) as unknown as CompilableModule;
  module.filename = path;
  module.paths = nodeModulePaths(dirname(path));
  return module;
}
