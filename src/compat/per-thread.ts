/**
 * One instance per worker thread, kept on the thread's global object under a registered symbol:
 * the worker entry and the module a test file imports as `vitest` / `@jest/globals` / `ptest` are
 * separate bundles (and a user's own copy of ptest may be a third), yet must share the clock, the
 * stubs and the mocks, or the worker could not undo them after the file.
 */
export function perThread<T>(name: string, create: () => T): T {
  const holder = globalThis as unknown as Record<symbol, unknown>;
  const slot = Symbol.for(`ptest.compat.${name}`);
  return (holder[slot] ??= create()) as T;
}
