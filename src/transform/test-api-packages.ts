import { readFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { TEST_API_SPECIFIERS } from '../model/compat.js';
import { declaredDependencies, firstFile, packageOf } from './package-files.js';

/**
 * A package that imports the test API itself: a setup library such as
 * `@testing-library/jest-dom/vitest` (`import { expect } from 'vitest'; expect.extend(...)`), or
 * jest-mock-extended, whose entry requires `./Mock`, which requires `@jest/globals`. Node would
 * resolve those to the real package (which refuses to load outside its runner) or to nothing where
 * it is not installed, so such a package's file is bundled with the test instead, with the files
 * of its own it imports, and there the import gets ptest's runtime as the test file's own does.
 */
const IMPORT = new RegExp(`(?:\\bfrom|\\bimport|\\b(?:require|import)\\s*\\()\\s*['"](?:${TEST_API_SPECIFIERS.map(escape).join('|')})['"]`);
/** `./x` and `../x` in import, export-from, require() and import() */
const RELATIVE = /(?:\bfrom|\bimport|\b(?:require|import)\s*\()\s*['"](\.\.?\/[^'"]*)['"]/g;
/** the packages those names belong to: a package that imports one declares it */
const API_PACKAGES = [...new Set(TEST_API_SPECIFIERS.map((specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/')))];
/** a package's own files followed from its entry, at most: enough for a library's, not for lodash-es */
const MAX_FILES = 200;
const EXTENSIONS = ['', '.js', '.cjs', '.mjs', '/index.js', '/index.cjs', '/index.mjs'];

/** package files do not change during a run; a process reads each once */
const seen = new Map<string, boolean>();

/** `file`: what a package name led to */
export function importsTestApi(file: string): boolean {
  let answer = seen.get(file);
  if (answer === undefined) {
    const text = readText(file);
    seen.set(file, (answer = IMPORT.test(text) || reachesTestApi(file, text)));
  }
  return answer;
}

/** Follows the files of its own that `entry` imports, in a package that declares the test API as a dependency. */
function reachesTestApi(entry: string, entryText: string): boolean {
  const found = packageOf(entry);
  if (found === undefined || !declaresTestApi(found.manifest)) return false;
  const root = found.dir;
  const queue = [entry];
  const visited = new Set(queue);
  for (let i = 0; i < queue.length && i < MAX_FILES; i++) {
    const file = queue[i]!;
    const text = i === 0 ? entryText : readText(file);
    if (i > 0 && IMPORT.test(text)) return true;
    for (const [, specifier] of text.matchAll(RELATIVE)) {
      const next = firstFile(resolve(dirname(file), specifier!), EXTENSIONS);
      if (next !== undefined && next.startsWith(root + sep) && !visited.has(next)) {
        visited.add(next);
        queue.push(next);
      }
    }
  }
  return false;
}

function declaresTestApi(manifest: Record<string, unknown>): boolean {
  const declared = declaredDependencies(manifest);
  return API_PACKAGES.some((name) => declared.includes(name));
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function escape(specifier: string): string {
  return specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
