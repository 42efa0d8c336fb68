/**
 * The thread's own timers, clock and abort controller, taken before any test file runs: a test that
 * installs fake timers (vi.useFakeTimers, jest.useFakeTimers) replaces the globals, one may delete
 * a global to test a fallback (RTK deletes AbortController), and the runner must not stop with them.
 */
export const realSetTimeout = globalThis.setTimeout;
export const realSetImmediate = globalThis.setImmediate;
export const realClearTimeout = globalThis.clearTimeout;
export const realNow: () => number = performance.now.bind(performance);
export const RealAbortController = globalThis.AbortController;
