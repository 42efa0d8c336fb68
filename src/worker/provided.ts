/**
 * The values `globalSetup` returned, as `inject(key)` reads them in a test. Kept on the thread's
 * global object under a registered symbol, like the collector, because the worker entry and the
 * `ptest` module a test file imports are separate bundles.
 */
const SLOT = Symbol.for('ptest.provided');
type Holder = { [SLOT]?: Record<string, unknown> };

export function setProvided(values: Record<string, unknown>): void {
  (globalThis as Holder)[SLOT] = values;
}

/** A value `globalSetup` provided under `key`, or undefined (as Vitest's inject). */
export function inject<T = unknown>(key: string): T | undefined {
  return (globalThis as Holder)[SLOT]?.[key] as T | undefined;
}
