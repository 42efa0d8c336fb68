import { isJsonValue, isRecord, keyPath, type Mapping } from './foreign-shared.js';

/**
 * The Jest keys that choose how files are compiled, and `globals`, which holds both a compiler's
 * settings and the suite's global variables. ptest compiles TypeScript and JSX with esbuild itself:
 * a known compiler (ts-jest, babel-jest, @swc/jest...) is not ignored but replaced, and the notice
 * says so; any other transform (a stylesheet or file stub, a custom one) is listed as ignored.
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

export function mapJestTransform(key: 'preset' | 'transform' | 'globals', value: unknown, path: string, m: Mapping): void {
  if (key === 'preset') {
    // ts-jest's presets are its transform and nothing else; any other preset brings settings ptest does not read
    const preset = typeof value === 'string' && /^ts-jest(?:\/|$)/.test(value) ? 'ts-jest' : undefined;
    return preset ? m.compiledInstead(path, preset) : m.ignore(path);
  }
  if (!isRecord(value)) return m.ignore(path);
  if (key === 'transform') {
    for (const [pattern, entry] of Object.entries(value)) {
      const compiler = compilerOf(entry);
      if (compiler) m.compiledInstead(keyPath(path, pattern), compiler);
      else m.ignore(keyPath(path, pattern));
    }
    return;
  }
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
