import { realClearTimeout, realSetTimeout } from './real-timers.js';
import type { UncaughtErrors } from './uncaught.js';

/**
 * Runs one test or hook body against its timeout. A body that returns a promise is awaited; one
 * that never settles loses the race and the controller is aborted so the test can stop its own
 * work (context.signal). A body that blocks the thread synchronously cannot be stopped from here:
 * the coordinator's watchdog terminates the thread instead.
 */
export type TimedResult = { kind: 'ok' } | { kind: 'error'; error: unknown } | { kind: 'timeout' };

export async function runTimed(body: () => unknown, timeoutMs: number, controller: AbortController, uncaught?: UncaughtErrors): Promise<TimedResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<TimedResult>((resolve) => {
    timer = realSetTimeout(() => {
      controller.abort(new Error(`timed out after ${timeoutMs} ms`));
      resolve({ kind: 'timeout' });
    }, timeoutMs);
  });
  // An error nobody caught while the body runs (a timer's throw, a lost rejection) fails it too.
  const watch = uncaught?.watch();
  const run = (async (): Promise<TimedResult> => {
    await (watch ? Promise.race([watch.within(body), watch.failed]) : body());
    return { kind: 'ok' };
  })().catch((error: unknown): TimedResult => ({ kind: 'error', error }));
  try {
    return await Promise.race([run, timeout]);
  } finally {
    realClearTimeout(timer);
    watch?.stop();
  }
}
