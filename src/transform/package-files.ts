import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Reading inside packages without a resolver: what is missing or malformed is simply not there. */

/** a file inside node_modules: a package's, loaded or bundled by package rules, never rewritten as the suite's own */
export function isPackageFile(path: string): boolean {
  return path.includes('/node_modules/');
}

/** the first of `path` + each suffix that is a file, as Node's extension and directory rules try them */
export function firstFile(path: string, suffixes: readonly string[]): string | undefined {
  for (const suffix of suffixes) {
    const candidate = path + suffix;
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
  }
  return undefined;
}

/** a JSON file's object (a package.json), or undefined when it is missing or not JSON */
export function readJson(path: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** the nearest folder above `file` with a package.json naming a package (dist folders may hold one that only sets `type`), and that manifest */
export function packageOf(file: string): { dir: string; manifest: Record<string, unknown> } | undefined {
  for (let dir = dirname(file); basename(dir) !== 'node_modules' && dirname(dir) !== dir; dir = dirname(dir)) {
    const manifest = readJson(join(dir, 'package.json'));
    if (typeof manifest?.name === 'string') return { dir, manifest };
  }
  return undefined;
}

/** the packages a manifest says it loads: its dependencies, peer and optional ones */
export function declaredDependencies(manifest: Record<string, unknown>): string[] {
  return ['dependencies', 'peerDependencies', 'optionalDependencies'].flatMap((field) => Object.keys((manifest[field] as object | undefined) ?? {}));
}
