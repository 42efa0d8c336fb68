import { createRequire } from 'node:module';

/**
 * `require.resolve('./x')` in a bundled module, answered from that module's own file
 * (transform/original-paths.ts rewrites the call): a bundle has one `require`, made for its test
 * file, and @auto-it/core's `require.resolve('./plugins/…')` in dist/auto.js resolved from
 * dist/__tests__ instead and failed.
 */
export const RESOLVE_FROM = Symbol.for('ptest.resolve-from');

(globalThis as Record<symbol, unknown>)[RESOLVE_FROM] ??= (file: string, id: string, options?: { paths?: string[] }) => createRequire(file).resolve(id, options);
