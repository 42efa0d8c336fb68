import { format } from 'pretty-format';
import { isThenable } from '../model/thenable.js';

/**
 * Jest's callback-style tests and hooks: a function that declares a parameter is given `done` and
 * has finished when it calls it, not when it returns. Without this a test whose assertion fails in
 * a timer before `done(error)` would pass (its body returned at once). Jest's wording throughout.
 */
export type DoneCallback = ((reason?: unknown) => void) & { fail?: (reason?: unknown) => void };

/**
 * What a function that takes `done` and also returns a promise means. jest-circus (Jest 27+): an
 * error. jasmine2 (Jest 26 and older): the test waits for `done` alone, and a rejection of the
 * promise fails it, as jasmine2's unhandled-rejection handler did; jasmine's `done.fail` exists too.
 */
export type DoneRule = 'circus' | 'jasmine2';

export function takesDone(fn: unknown): fn is (done: DoneCallback) => unknown {
  return typeof fn === 'function' && fn.length > 0;
}

export function callWithDone(fn: (done: DoneCallback) => unknown, rule: DoneRule): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let called = false;
    let returned: unknown;
    const done: DoneCallback = (reason) => {
      if (called) {
        const again = new Error(`Expected done to be called once, but it was called multiple times.${reason ? ` Reason: ${format(reason, { maxDepth: 3 })}` : ''}`);
        reject(again);
        throw again;
      }
      called = true;
      const site = new Error();
      // a tick later, so a synchronous done() still sees what the function returned
      void Promise.resolve().then(() => {
        if (returned !== undefined && rule === 'circus') {
          reject(returnedToo(returned));
        } else if (!reason) resolve();
        else if (isError(reason)) reject(reason);
        else reject(withStackOf(site, `Failed: ${format(reason, { maxDepth: 3 })}`));
      });
    };
    if (rule === 'jasmine2') done.fail = (reason) => done(reason ?? new Error('Failed'));
    returned = fn(done);
    if (rule === 'jasmine2' && isThenable(returned)) returned.then(undefined, reject);
  });
}

function returnedToo(returned: unknown): Error {
  return new Error(`Test functions cannot both take a 'done' callback and return something. Either use a 'done' callback, or return a promise.\nReturned value: ${format(returned, { maxDepth: 3 })}`);
}

/** Jest's test of an error: anything with a message and a stack (an Error of another realm too) */
function isError(reason: unknown): reason is Error {
  return typeof reason === 'object' && reason !== null && 'message' in reason && 'stack' in reason && Boolean(reason.message && reason.stack);
}

/** an error thrown where done() was called, not in the tick after */
function withStackOf(site: Error, message: string): Error {
  const error = new Error(message);
  error.stack = `Error: ${message}\n${(site.stack ?? '').split('\n').slice(1).join('\n')}`;
  return error;
}
