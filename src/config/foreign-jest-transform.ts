import { isJsonValue, isRecord, keyPath, type Mapping } from './foreign-shared.js';

/**
 * The Jest keys that choose how files are compiled, and `globals`, which holds both a compiler's
 * settings and the suite's global variables. ptest compiles TypeScript and JSX with esbuild itself:
 * a known compiler (ts-jest, babel-jest, @swc/jest...) is not ignored but replaced, and the notice
 * says so; any other transform (a stylesheet or file stub, a custom one) runs on the files esbuild
 * has no loader for (jest-transforms.ts), and is listed as ignored if its entry is not a module name.
 */
const COMPILERS = /(?:^|[\\/]node_modules[\\/])(ts-jest|babel-jest|@swc[\\/]jest|esbuild-jest|jest-esbuild|@sucrase[\\/]jest-plugin)(?:[\\/]|$)/;
/** Create React App's own wrapper of babel-jest */
const CRA_BABEL = /[\\/]react-scripts[\\/]config[\\/]jest[\\/]babelTransform(?:\.js)?$/;

/** the compiler a transform's module (or `[module, options]`) names, if it is one ptest replaces */
export function compilerOf(entry: unknown): string | undefined {
  const name = Array.isArray(entry) ? entry[0] : entry;
  if (typeof name !== 'string') return undefined;
  if (CRA_BABEL.test(name)) return 'babel-jest';
  return COMPILERS.exec(name)?.[1]?.replace('\\', '/');
}

export function mapJestTransform(key: 'preset' | 'transform' | 'globals', value: unknown, path: string, m: Mapping, fromRootDir: (value: string) => string): void {
  if (key === 'preset') {
    // ts-jest's presets are its transform and nothing else; any other preset brings settings ptest does not read
    const preset = typeof value === 'string' && /^ts-jest(?:\/|$)/.test(value) ? 'ts-jest' : undefined;
    return preset ? m.compiledInstead(path, preset) : m.ignore(path);
  }
  if (!isRecord(value)) return m.ignore(path);
  if (key === 'transform') return mapTransforms(value, path, m, fromRootDir);
  // globals: ts-jest (before 29) and vue-jest read their settings from here; the rest are the suite's variables
  const variables: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(value)) {
    if (name === 'ts-jest' || name === 'babel-jest') m.compiledInstead(keyPath(path, name), name);
    // Jest requires its globals to be JSON: a value that is not would come out changed in the workers
    else if (isJsonValue(setting)) variables[name] = setting;
    else m.ignore(keyPath(path, name));
  }
  if (Object.keys(variables).length > 0) m.set('globalValues', variables, path);
}

/**
 * `transform`, in Jest's order (the first matching pattern takes a file): each compiler's pattern
 * kept, so that a file it matches first is not given to a later transform.
 */
function mapTransforms(value: Record<string, unknown>, path: string, m: Mapping, fromRootDir: (value: string) => string): void {
  const transforms: { pattern: string; transformer?: string; options?: unknown }[] = [];
  const sources: string[] = [];
  for (const [pattern, entry] of Object.entries(value)) {
    const at = keyPath(path, pattern);
    const compiler = compilerOf(entry);
    if (compiler) {
      m.compiledInstead(at, compiler);
      transforms.push({ pattern });
      continue;
    }
    const [name, options] = Array.isArray(entry) ? entry : [entry];
    if (typeof name !== 'string' || (options !== undefined && !isJsonValue(options))) {
      m.ignore(at);
      continue;
    }
    transforms.push({ pattern, transformer: fromRootDir(name), ...(options === undefined ? {} : { options }) });
    sources.push(at);
  }
  if (sources.length > 0) m.set('fileTransforms', transforms, ...sources);
}
