import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * chai as a module of its own, for `vi.mock('chai', freshChai)`: in ptest's bundle chai is ptest's
 * copy, but here the installed chai is also the one behind Vitest's own expect, on which a Vitest
 * file's matchers would otherwise be bridged while the test compares the two
 */
export function freshChai(): Promise<unknown> {
  const path = createRequire(import.meta.url).resolve('chai');
  return import(/* @vite-ignore */ `${pathToFileURL(path).href}?ptest-unit`);
}
