import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type EnvironmentName, type JsdomOptions } from '../model/compat.js';
import { trackTimers } from './environment-timers.js';
import { PropertyChanges } from './property-changes.js';
import { createJsdom } from './environment-jsdom.js';
import type { DomWindow } from './dom-window.js';
import { createHappyDom } from './environment-happy-dom.js';
import { perThread } from './per-thread.js';
import { dynamicImport } from '../io/dynamic-import.js';
import { holdNodeGlobalsIn } from '../io/node-own-globals.js';
import { removeNodeOnlyGlobals, keepPolyfills } from './jest-globals.js';

/**
 * Per-file test environments, as Jest and Vitest have them: a docblock at the top of a test file
 * names one, and the thread's globalThis becomes that browser-like world for the file only.
 */

export type EnvironmentTeardown = () => Promise<void> | void;

/** Vitest's default page address; a URL is needed for localStorage (an opaque origin has none). */
export const DEFAULT_ENVIRONMENT_URL = 'http://localhost:3000/';

/**
 * Makes globalThis the environment's world and returns what undoes it exactly: the keys it added
 * are deleted and the ones it replaced get their old property descriptors back, because the thread
 * runs other files afterwards. The DOM package comes from the project under test, at its version.
 */
export interface EnvironmentOptions {
  root: string;
  url?: string;
  /** more of jsdom's constructor options, from the config */
  jsdom?: JsdomOptions;
  /** how the environment's package is imported from its entry file (default: Node's `import()`) */
  /** `holdNodeGlobals`: the package's code keeps Node's own globals (a Jest suite's jsdom: io/node-own-globals.ts) */
  importPackage?: (entry: string, name: EnvironmentName, holdNodeGlobals: boolean) => Promise<Record<string, unknown>>;
  /** keep the window for the thread's next file (--no-isolate), emptied, instead of closing it */
  keepWindow?: boolean;
  /** Jest's jsdom environment: Node's globals that the window lacks are absent (below) */
  jestGlobals?: boolean;
  /** that suite's Jest: its jsdom environment kept Node's setImmediate until Jest 26 */
  jestMajor?: number;
  /** Node's own globals the window has in place of its own or of none (jest-fixed-jsdom's fetch, streams, URL...) */
  nodeGlobals?: readonly string[];
  /** jsdom's AbortController and AbortSignal in place of Node's (Jest's jsdom, Vitest 3's) */
  windowSignals?: boolean;
}

export async function installEnvironment(name: EnvironmentName, options: EnvironmentOptions): Promise<EnvironmentTeardown> {
  if (name === 'node') return () => {};
  const url = options.url ?? DEFAULT_ENVIRONMENT_URL;
  const importPackage = options.importPackage ?? ((entry: string) => dynamicImport(pathToFileURL(entry).href));
  // Jest's jsdom: the file lacks Node's own globals, which jsdom keeps for itself (io/node-own-globals.ts)
  const jestWindow = options.jestGlobals === true && name === 'jsdom';
  const load = async () => importPackage(resolveFromProject(name, options.root), name, jestWindow);
  const create = () => (name === 'jsdom' ? createJsdom(load, url, { namedProperties: jestWindow, windowSignals: options.windowSignals === true, options: options.jsdom ?? {} }) : createHappyDom(load, url));
  const key = `${name} ${url} ${options.root} ${JSON.stringify(options.jsdom ?? {})}`;
  // made first: making a window turns some of Node's lazy globals into data properties, undone with the rest
  const changes = new PropertyChanges();
  let win: DomWindow | undefined;
  let undo: () => void;
  const discard = async (used: DomWindow): Promise<void> => {
    keptWindows.forget(key, used);
    await used.close();
  };
  // the window goes when the file does, unless the thread keeps it (and can empty it)
  const release = async (used: DomWindow): Promise<void> => {
    let emptied = false;
    try {
      emptied = options.keepWindow === true && (await used.empty());
    } finally {
      // one that could not be emptied (or failed to be) must not reach the next file
      if (!emptied) await discard(used);
    }
  };
  try {
    win = options.keepWindow ? await keptWindows.take(key, create) : await create();
    undo = win.populate(changes);
  } catch (error) {
    changes.settle();
    try {
      changes.restore();
      if (win) await discard(win);
    } catch {
      // the install's own error says more than a failed undo of it
    }
    throw error;
  }
  const installed = win;
  const nodeGlobals = options.nodeGlobals ?? [];
  const removed = jestWindow ? removeNodeOnlyGlobals(installed, options.jestMajor, new Set(nodeGlobals)) : [];
  for (const key of nodeGlobals) {
    const node = changes.original(key);
    if (node !== undefined) changes.set(key, node);
  }
  // (what went without `changes` is recorded here, and put back with the rest)
  changes.settle();
  const clearTimers = trackTimers(changes);
  let done = false;
  return async () => {
    if (done) return;
    done = true;
    try {
      try {
        clearTimers();
      } finally {
        // (the window's own undo puts back what changes.restore cannot: the global's prototype)
        undo();
      }
      keepPolyfills(removed);
      await release(installed);
    } finally {
      changes.restore();
    }
  };
}

/**
 * Under --no-isolate the packages a file loads stay for the thread's next files, and some bind
 * the page when they load (Testing Library's `screen` holds `document.body`). A window made per
 * file would leave them a closed one from the second file on (Vitest's `isolate: false` does:
 * vitest#8478), so the thread keeps one window per environment and address, emptied between files.
 */
class KeptWindows {
  private readonly windows = new Map<string, Promise<DomWindow>>();
  /** each made window, once made: what `forget` compares with */
  private readonly made = new Map<string, DomWindow>();

  take(key: string, create: () => Promise<DomWindow>): Promise<DomWindow> {
    let win = this.windows.get(key);
    if (!win) {
      this.windows.set(key, (win = create()));
      // (registered before the caller awaits it: `made` is set by the time the caller has the window)
      win.then(
        (made) => void this.made.set(key, made),
        () => void this.windows.delete(key),
      );
    }
    return win;
  }

  forget(key: string, win: DomWindow): void {
    if (this.made.get(key) !== win) return;
    this.made.delete(key);
    this.windows.delete(key);
  }
}

const keptWindows = perThread('kept-windows', () => new KeptWindows());

/**
 * The package (named as its environment) resolved from the project's root, so a project gets the
 * jsdom it installed and not whichever ptest happens to carry.
 */
function resolveFromProject(pkg: string, root: string): string {
  const resolved = resolveThrough(join(root, 'package.json'), pkg) ?? resolveThrough(join(root, 'package.json'), ...(RUNNER_PACKAGES[pkg] ?? []), pkg);
  if (resolved === undefined) throw new Error(`environment '${pkg}' needs the ${pkg} package: npm install -D ${pkg}`);
  return resolved;
}

/**
 * Before a Jest suite's file runs on the thread, any file: jsdom's modules (and those they load)
 * keep Node's own globals from now on, also when a node file loads jsdom first and the thread
 * keeps it (io/node-own-globals.ts). A project without jsdom has nothing to hold.
 */
export function holdJsdomGlobals(root: string): void {
  if (heldRoots.has(root)) return;
  heldRoots.add(root);
  let entry: string | undefined;
  try {
    entry = resolveFromProject('jsdom', root);
  } catch {
    return;
  }
  holdNodeGlobalsIn(packageDirOf(entry, 'jsdom'));
}

const heldRoots = new Set<string>();

/** the folder of package `name` that `entry` is a file of (the entry's own, for a package outside node_modules) */
function packageDirOf(entry: string, name: string): string {
  const marker = `${sep}node_modules${sep}${name}${sep}`;
  const at = entry.lastIndexOf(marker);
  return at === -1 ? dirname(entry) : entry.slice(0, at + marker.length - 1);
}

/** the runner package that brings a DOM package along: Jest's jsdom may be installed only inside it (Jest 27 nests its own) */
const RUNNER_PACKAGES: Record<string, string[]> = { jsdom: ['jest-environment-jsdom'] };

/** `last`, resolved from `from` through each package before it in turn; undefined when one is missing */
function resolveThrough(from: string, ...chain: string[]): string | undefined {
  let at = from;
  for (const pkg of chain) {
    try {
      at = createRequire(at).resolve(pkg);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'MODULE_NOT_FOUND') throw error;
      return undefined;
    }
  }
  return at;
}
