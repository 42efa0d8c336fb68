import { resolve } from 'node:path';
import { nearestFile } from '../transform/nearest-file.js';
import { parsedConfig } from '../transform/tsconfig-paths.js';
import { compilerOf } from './foreign-jest-transform.js';
import { isRecord, jestRootDir } from './foreign-shared.js';

/**
 * Whether a Jest suite's TypeScript imports CommonJS modules as TypeScript compiles them without
 * `esModuleInterop`, as ts-jest does unless its tsconfig turns it on: `import * as x from 'm'` is
 * `require('m')` itself, and `import d from 'm'` its `.default`. Code written so relies on it: it
 * calls a namespace (`import * as pluralize`; `pluralize(word)`), or spies on one to reach the
 * module under test (`jest.spyOn(fs, 'existsSync')`). Not when ts-jest hands its output to Babel,
 * runs in its ES module mode, or shares the suite's JavaScript with babel-jest: Babel's interop
 * is then the one most files get, and ptest's is Babel's.
 */
export function tsJestWithoutInterop(config: Record<string, unknown>, root: string): boolean {
  const rootDir = jestRootDir(config, root);
  const transforms = isRecord(config.transform) ? Object.values(config.transform) : [];
  if (transforms.some((entry) => compilerOf(entry) === 'babel-jest')) return false;
  const entry = transforms.find((t) => compilerOf(t) === 'ts-jest');
  const preset = typeof config.preset === 'string' && /^ts-jest(?:\/|$)/.test(config.preset) ? config.preset : undefined;
  if (entry === undefined && preset === undefined) return false;
  if (preset?.includes('babel')) return false;
  const globals = isRecord(config.globals) && isRecord(config.globals['ts-jest']) ? config.globals['ts-jest'] : {};
  const options = Array.isArray(entry) && isRecord(entry[1]) ? entry[1] : globals;
  if (options.babelConfig || options.useESM === true) return false;
  return compilerOptionsOf(options.tsconfig ?? options.tsConfig, rootDir)?.esModuleInterop !== true;
}

/** ts-jest's `tsconfig`: compiler options inline, a file (from `<rootDir>`), or the tsconfig.json found from rootDir up */
function compilerOptionsOf(setting: unknown, rootDir: string): Record<string, unknown> | undefined {
  if (isRecord(setting)) return setting;
  const file = typeof setting === 'string' ? resolve(rootDir, setting.replace(/^<rootDir>[\\/]?/, '')) : nearestFile(rootDir, 'tsconfig.json', new Map());
  return file === undefined ? undefined : (parsedConfig(file)?.compilerOptions as Record<string, unknown> | undefined);
}
