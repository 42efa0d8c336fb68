/**
 * The thread's own timers and clock, taken before any test file runs: a test that installs fake
 * timers (vi.useFakeTimers, jest.useFakeTimers) replaces the globals, and the runner's timeouts and
 * durations must not stop with them.
 */
export const realSetTimeout = globalThis.setTimeout;
export const realClearTimeout = globalThis.clearTimeout;
export const realNow: () => number = performance.now.bind(performance);
