import { readFileSync, statSync } from 'node:fs';

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
