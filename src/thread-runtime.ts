/**
 * Everything a worker thread runs, in one module: the public test API (what a test file's `ptest`,
 * `vitest` or `@jest/globals` import gets) and the worker's task handlers. Built as one CommonJS
 * file (dist/runtime/thread.cjs), which a thread loads from V8's code cache
 * (worker/cached-load.ts), and through which the test API and the worker share one instance of
 * every module.
 */
// first, so that no module of the thread keeps Node's process.env
import './sandbox/thread-env.js';
export * from './index.js';
export { default as handle, finishSlot } from './worker/entry.js';
