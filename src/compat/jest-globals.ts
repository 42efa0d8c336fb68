import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GLOBALS_AT_START } from '../io/node-own-globals.js';
import { OWN_DIR } from '../runtime-paths.js';
import { isPackageFile } from '../transform/package-files.js';
import type { DomWindow } from './dom-window.js';
import { replaceWith } from './environment-globals.js';
import { perThread } from './per-thread.js';

/** the globals Jest's environment puts on its window itself */
const JEST_ADDED = new Set(['process', 'Buffer', 'global']);
/** Jest 26 and older also gave a jsdom file Node's setImmediate and clearImmediate (jestjs/jest#11222 removed them) */
const JEST_26_ADDED = new Set([...JEST_ADDED, 'setImmediate', 'clearImmediate']);

/**
 * Jest's jsdom environment runs a file with the window as its global object, so Node's globals
 * the window has no counterpart for are absent: setImmediate (Jest 27 on: below), structuredClone,
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
export function removeNodeOnlyGlobals(win: DomWindow, jestMajor = Infinity, kept: ReadonlySet<string> = new Set()): string[] {
  const added = jestMajor <= 26 ? JEST_26_ADDED : JEST_ADDED;
  const removed = GLOBALS_AT_START.filter((key) => !added.has(key) && !kept.has(key) && !win.has(key));
  for (const key of removed) polyfills.apply(key);
  return removed;
}

/** the getters standing in for removed globals */
const standIns = new WeakSet<object>();

function hideFromUserCode(key: string): void {
  const real = Object.getOwnPropertyDescriptor(globalThis, key);
  if (!real?.configurable) return;
  const value = (): unknown => (real.get ? real.get.call(globalThis) : real.value);
  const replace = replaceWith(key);
  const get = function get(): unknown {
    return callerOf(get).startsWith('node:') ? value() : undefined;
  };
  const set = function set(next: unknown): void {
    // (Node's own value put back is no polyfill: Vitest's rpc does that with the timers it saved)
    if (next !== value() && isPackageCaller(callerOf(set))) polyfills.assignedByPackage(key);
    replace(next);
  };
  standIns.add(get);
  Object.defineProperty(globalThis, key, { get, set, enumerable: false, configurable: true });
}

/** the file of the code that called `fn` (`node:internal/...` for Node's own) */
function callerOf(fn: (...args: never[]) => unknown): string {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  const holder: { stack?: string } = {};
  try {
    Error.prepareStackTrace = (_, sites) => sites[0]?.getFileName() ?? '';
    Error.stackTraceLimit = 1;
    Error.captureStackTrace(holder, fn);
    return holder.stack ?? '';
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
}

/** a caller in a package's own file: not ptest's, and not a test file's bundle in the cache (an ES module's name is a file URL) */
function isPackageCaller(name: string): boolean {
  const file = name.startsWith('file:') ? fileURLToPath(name) : name;
  return isPackageFile(file) && !file.includes(`${sep}node_modules${sep}.cache${sep}`) && !file.startsWith(OWN_DIR);
}

/**
 * What packages put in place of removed globals (a polyfill: `structuredClone`, `fetch`, web
 * streams), for the thread's next Jest jsdom files. Under Jest every file loads its packages
 * afresh, so a polyfill package runs again for each; here a package may stay loaded for the
 * thread's next files (an ES module package, or any under --no-isolate) and will not run again, so
 * its globals stay with it. What a test or setup file assigns is its own, and goes with it (a
 * setup file runs again for each file); so does a polyfill that defines its global instead of
 * assigning it, which ptest cannot tell from a test's.
 */
class Polyfills {
  private readonly kept = new Map<string, PropertyDescriptor>();
  private readonly byPackage = new Set<string>();
  /** the globals the current file started without, as Jest's environment is made (fake timers go by it) */
  hidden = new Set<string>();

  apply(key: string): void {
    const kept = this.kept.get(key);
    if (kept) Object.defineProperty(globalThis, key, kept);
    else {
      hideFromUserCode(key);
      this.hidden.add(key);
    }
  }

  assignedByPackage(key: string): void {
    this.byPackage.add(key);
  }

  keep(keys: readonly string[]): void {
    for (const key of keys) {
      const descriptor = Object.getOwnPropertyDescriptor(globalThis, key);
      if (!descriptor || (descriptor.get && standIns.has(descriptor.get))) this.kept.delete(key);
      else if (this.byPackage.has(key)) this.kept.set(key, descriptor);
    }
    this.byPackage.clear();
    this.hidden = new Set();
  }
}

const polyfills = perThread('jest-polyfills', () => new Polyfills());

/** after a file: what packages put in place of the `removed` globals stays for the thread's next Jest jsdom files */
export function keepPolyfills(removed: readonly string[]): void {
  polyfills.keep(removed);
}

/** whether the current file started without this global (a Jest suite's jsdom file) */
export function startedWithout(key: string): boolean {
  return polyfills.hidden.has(key);
}
