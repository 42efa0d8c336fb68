import { readdirSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { createPathsMatcher, parseTsconfig, type Cache } from 'get-tsconfig';
import { nearestFile } from './nearest-file.js';

const CONFIG_FILES = ['tsconfig.json', 'jsconfig.json'];

/**
 * Whether the tsconfig/jsconfig that esbuild applies in `dir` may send a bare name to a local file
 * instead of a package: esbuild tries each of its `paths` that matches, then `<baseUrl>/<name>`,
 * each with its extensions or as a folder, before node_modules. A name whose candidates have
 * nothing on disk starting like them is certain to reach node_modules (RTK's tsconfig has a
 * `baseUrl` of ".", and not one of its packages is a file at its root). esbuild applies no
 * tsconfig to the files of packages (a unit test checks it). The answers of the returned
 * function last as long as it: the caller's run.
 */
export function tsconfigPathsCheck(): (specifier: string, dir: string) => boolean {
  const configs = new Map<string, string | undefined>();
  const parsed: Cache = new Map();
  const matchers = new Map<string, ((specifier: string) => string[]) | 'unreadable'>();
  const listings = new Map<string, readonly string[]>();
  const mayExist = (path: string) => {
    const dir = dirname(path);
    let names = listings.get(dir);
    if (!names) listings.set(dir, (names = listing(dir)));
    // `name`, `name.ts`, `name/`, and `name.js` standing for `name.ts`
    const stem = basename(path, extname(path));
    return names.some((name) => name.startsWith(stem));
  };
  return (specifier, dir) => {
    const config = `${dir}/`.includes('/node_modules/') ? undefined : nearestFile(dir, CONFIG_FILES, configs);
    if (config === undefined) return false;
    let candidates = matchers.get(config);
    if (!candidates) matchers.set(config, (candidates = candidatesOf(config, parsed)));
    return candidates === 'unreadable' || candidates(specifier).some(mayExist);
  };
}

/**
 * The files a bare name may stand for under the `paths` (then `baseUrl`) of the tsconfig/jsconfig
 * esbuild applies in `dir`, in esbuild's order: for a name the bundle never saw (a computed
 * `require(name)`). None in a package, or without a config. Configs are read once per thread.
 */
export function tsconfigCandidates(specifier: string, dir: string): string[] {
  const config = nearestConfig(dir);
  if (config === undefined) return [];
  let candidates = threadMatchers.get(config);
  if (!candidates) threadMatchers.set(config, (candidates = candidatesOf(config, threadParsed)));
  return candidates === 'unreadable' ? [] : candidates(specifier);
}

const threadConfigs = new Map<string, string | undefined>();
const threadParsed: Cache = new Map();
const threadMatchers = new Map<string, ((specifier: string) => string[]) | 'unreadable'>();

/** the tsconfig.json or jsconfig.json esbuild applies in `dir` (none in a package), for the life of the thread or build */
export function nearestConfig(dir: string): string | undefined {
  return `${dir}/`.includes('/node_modules/') ? undefined : nearestFile(dir, CONFIG_FILES, threadConfigs);
}

/** the config's options, its `extends` followed; undefined for one that cannot be read (esbuild reports it) */
export function parsedConfig(config: string): ReturnType<typeof parseTsconfig> | undefined {
  try {
    return parseTsconfig(config, threadParsed);
  } catch {
    return undefined;
  }
}

function candidatesOf(config: string, parsed: Cache): ((specifier: string) => string[]) | 'unreadable' {
  try {
    const tsconfig = parseTsconfig(config, parsed);
    const paths = createPathsMatcher({ path: config, config: tsconfig });
    const baseUrl = tsconfig.compilerOptions?.baseUrl;
    const base = baseUrl === undefined ? undefined : resolve(dirname(config), baseUrl);
    return (specifier) => [...(paths?.(specifier) ?? []), ...(base === undefined ? [] : [resolve(base, specifier)])];
  } catch {
    return 'unreadable'; // esbuild reports it
  }
}

function listing(dir: string): readonly string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
