import type { PropertyChanges } from './property-changes.js';

/**
 * The timers a file starts while its DOM environment is installed, cleared when it is torn down.
 * Jest's jsdom timers are the window's, which closing the window clears; here they are Node's,
 * and on a reused worker one that fires after the teardown (React's scheduler, after a commit
 * outside act) ran into a missing `window` and failed the file after it had passed.
 */
const KINDS = [
  ['setTimeout', 'clearTimeout'],
  ['setInterval', 'clearInterval'],
  ['setImmediate', 'clearImmediate'],
  // the window's own: a window the thread keeps for its next file (--no-isolate) is not closed
  ['requestAnimationFrame', 'cancelAnimationFrame'],
] as const;

type TimerFunction = (...args: unknown[]) => unknown;

export function trackTimers(changes: PropertyChanges): () => void {
  const started: (() => void)[] = [];
  const timers = globalThis as unknown as Record<string, TimerFunction>;
  for (const [start, clear] of KINDS) {
    const original = timers[start];
    const cancel = timers[clear];
    if (typeof original !== 'function' || typeof cancel !== 'function') continue;
    const tracked = function (this: unknown, ...args: unknown[]) {
      const handle = original.apply(this, args);
      started.push(() => cancel(handle));
      return handle;
    };
    // util.promisify(setTimeout) and friends read a property of the function itself
    Object.defineProperties(tracked, Object.getOwnPropertyDescriptors(original));
    changes.set(start, tracked);
  }
  return () => {
    for (const cancel of started.splice(0)) cancel();
  };
}
