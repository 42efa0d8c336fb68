import { Stubs } from './stubs.js';

/**
 * What the config gives every test file, for that file alone, as stubs of its own (not the test's
 * `vi.stubGlobal` / `vi.stubEnv`, whose unstubbing would take them away): each function returns
 * the one that puts back what was there before.
 *
 * Jest's `globals` (and Vite's `define` of a name): variables every test file finds on its global
 * object before its setup files run. Each file gets its own copy, so what one file changes in an
 * object the next does not see, as Jest documents.
 */
export function setGlobalValues(values: Readonly<Record<string, unknown>>): () => void {
  const own = new Stubs();
  // (JSON values, copied through JSON: a Jest jsdom global has no structuredClone)
  for (const [name, value] of Object.entries(values)) own.stubGlobal(name, JSON.parse(JSON.stringify(value)) as unknown);
  return () => own.unstubAllGlobals();
}

/** Vitest's `test.env`: set in process.env (which import.meta.env reads) for the file */
export function setEnvValues(values: Readonly<Record<string, string>>): () => void {
  const own = new Stubs();
  for (const [name, value] of Object.entries(values)) own.stubEnv(name, value);
  return () => own.unstubAllEnvs();
}
