import { readFileSync } from 'node:fs';
import { TEST_API_SPECIFIERS } from '../model/compat.js';

/**
 * A package file that imports the test API itself: a setup library such as
 * `@testing-library/jest-dom/vitest` (`import { expect } from 'vitest'; expect.extend(...)`).
 * Node would resolve its `vitest` to the real package (or to nothing where Vitest is not
 * installed), so such a file is bundled with the test instead, where the import gets ptest's
 * runtime as the test file's own does. Only the file the package name leads to is read: a package
 * that imports the API from a file of its own further in is loaded by Node as before.
 */
const IMPORT = new RegExp(`(?:\\bfrom|\\bimport|\\b(?:require|import)\\s*\\()\\s*['"](?:${TEST_API_SPECIFIERS.map(escape).join('|')})['"]`);

/** package files do not change during a run; a process reads each once */
const seen = new Map<string, boolean>();

export function importsTestApi(file: string): boolean {
  let answer = seen.get(file);
  if (answer === undefined) seen.set(file, (answer = IMPORT.test(readText(file))));
  return answer;
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
