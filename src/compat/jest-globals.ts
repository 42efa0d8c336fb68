import type { DomWindow } from './dom-window.js';
import { perThread } from './per-thread.js';

/** Node's own globals, before any file's: a test's globals (`describe`, `vi`) are not Node's */
const NODE_GLOBALS = Object.getOwnPropertyNames(globalThis);
/** the globals Jest's environment puts on its window itself */
const JEST_ADDED = new Set(['process', 'Buffer', 'global']);

/**
 * Jest's jsdom environment runs a file with the window as its global object, so Node's globals
 * the window has no counterpart for are absent: setImmediate (Jest 27 on), structuredClone,
 * fetch, MessageChannel, TextEncoder before jsdom 27... Code that looks for them takes another
 * path there (React's scheduler falls back to setTimeout; react-dom/server's browser build needs
 * a TextEncoder polyfill), and a suite that passes under Jest expects that path.
 *
 * Node's own code still runs beside the file with all of them under Jest, and here it looks them up
 * on the same global object (the fetch inside Node calls clearImmediate): each becomes a getter
 * that answers Node's own code with Node's value and any other with undefined. So `typeof
 * setImmediate` is 'undefined' in the file and its packages, an assignment (a polyfill) replaces
 * the getter, and only `'setImmediate' in globalThis` tells it from Jest's.
 */
export function removeNodeOnlyGlobals(win: DomWindow): string[] {
  const removed = NODE_GLOBALS.filter((key) => !JEST_ADDED.has(key) && !win.has(key));
  for (const key of removed) polyfills.apply(key);
  return removed;
}

/** the getters standing in for removed globals */
const standIns = new WeakSet<object>();

function hideFromUserCode(key: string): void {
  const real = Object.getOwnPropertyDescriptor(globalThis, key);
  if (!real?.configurable) return;
  const value = (): unknown => (real.get ? real.get.call(globalThis) : real.value);
  const get = function get(): unknown {
    return calledByNode(get) ? value() : undefined;
  };
  standIns.add(get);
  Object.defineProperty(globalThis, key, {
    get,
    set(next: unknown) {
      Object.defineProperty(globalThis, key, { value: next, writable: true, enumerable: true, configurable: true });
    },
    enumerable: false,
    configurable: true,
  });
}

/** whether the code that called `getter` is Node's own (`node:internal/...`) */
function calledByNode(getter: () => unknown): boolean {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  const holder: { stack?: string } = {};
  try {
    Error.prepareStackTrace = (_, sites) => sites[0]?.getFileName() ?? '';
    Error.stackTraceLimit = 1;
    Error.captureStackTrace(holder, getter);
    return holder.stack?.startsWith('node:') === true;
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
}

/**
 * What the thread's files put in place of removed globals (a polyfill: `structuredClone`, `fetch`,
 * web streams), for its next Jest jsdom files. Under Jest every file loads its packages afresh, so
 * a polyfill package runs again for each; here a package may stay loaded for the thread's next
 * files (an ES module package, or any under --no-isolate) and will not run again, so its globals
 * stay with it. A mock function is a test's own, not a package's, and is not kept.
 */
class Polyfills {
  private readonly kept = new Map<string, PropertyDescriptor>();

  apply(key: string): void {
    const kept = this.kept.get(key);
    if (kept) Object.defineProperty(globalThis, key, kept);
    else hideFromUserCode(key);
  }

  keep(keys: readonly string[]): void {
    for (const key of keys) {
      const descriptor = Object.getOwnPropertyDescriptor(globalThis, key);
      const value: unknown = descriptor?.value;
      if (!descriptor || (descriptor.get && standIns.has(descriptor.get))) this.kept.delete(key);
      else if (!(typeof value === 'function' && (value as { _isMockFunction?: unknown })._isMockFunction === true)) this.kept.set(key, descriptor);
    }
  }
}

const polyfills = perThread('jest-polyfills', () => new Polyfills());

/** after a file: what it put in place of the `removed` globals stays for the thread's next Jest jsdom files */
export function keepPolyfills(removed: readonly string[]): void {
  polyfills.keep(removed);
}
