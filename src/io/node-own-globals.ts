import Module from 'node:module';
import { sep } from 'node:path';
import { runInNewContext } from 'node:vm';
import { ES_MODULE_SYNTAX } from './module-syntax.js';

/**
 * Under Jest, jsdom runs outside the test's world, with all of Node's globals, while the test's
 * global object (the window) has none of Node's own. Here both share one global object, and a
 * Jest suite's jsdom file has those globals removed (compat/jest-globals.ts), so jsdom's code gets
 * Node's own through function parameters instead: its FileReader calls setImmediate and its
 * XMLHttpRequest clearImmediate (in jsdom 28, through undici, web streams too) while a test runs.
 */

/** Node's globals, before any file's: a test's globals (`describe`, `vi`) are not Node's */
export const GLOBALS_AT_START: readonly string[] = Object.getOwnPropertyNames(globalThis);
const HELD_SLOT = 'Symbol.for("ptest.node-globals")';
// Node's own as they were at the start, read through their own getters (with the global object as
// `this`, which they check): a lazy global (fetch, structuredClone) is not loaded until something
// reads it. Shared by every bundle on the thread.
(globalThis as Record<symbol, unknown>)[Symbol.for('ptest.node-globals')] ??= Object.defineProperties(
  Object.create(null),
  Object.fromEntries(
    Object.entries(Object.getOwnPropertyDescriptors(globalThis)).map(([name, { get, value }]) => [name, get ? { get: () => get.call(globalThis) as unknown } : { value }]),
  ),
);

/**
 * Node's own globals (not the language's) that may be missing while a file runs. The timers are
 * left out: fake timers replace them for a package as for the test, as they do under Vitest.
 */
export function nodeOwnGlobals(): string[] {
  const language = new Set(runInNewContext('Object.getOwnPropertyNames(globalThis)') as string[]);
  // (and a CommonJS module's own names, which `node -e` also puts on globalThis)
  const kept = new Set(['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'console', 'process', 'Buffer', 'global', 'globalThis', 'require', 'module', 'exports', '__filename', '__dirname']);
  return GLOBALS_AT_START.filter((name) => !language.has(name) && !kept.has(name) && /^[A-Za-z_$][\w$]*$/.test(name)).sort();
}

/**
 * What goes around a CommonJS module's code so that `names` in it are Node's own: the parameters
 * of a function given them. The code itself is in a function of its own, so its top-level
 * declarations of those names shadow the parameters instead of clashing with them. One line: the
 * code's own lines stay where they were.
 */
export function holdingGlobals(names: readonly string[]): { head: string; tail: string } {
  const values = names.map((name) => `held.${name}`).join(', ');
  return {
    head: `(function (${names.join(', ')}) { return (function () {`,
    tail: `\n}).call(this); }).apply(this, ((held) => [${values}])(globalThis[${HELD_SLOT}] ?? globalThis));`,
  };
}


interface CompiledModule {
  filename?: string;
  parent?: CompiledModule | null;
  /** `format`: 'module' for an ES module that Node 20.19+ requires */
  _compile(content: string, filename: string, format?: string): unknown;
}

const heldPackages = new Set<string>();

/**
 * From now on in this thread, each CommonJS file that the package in `packageDir` loads, itself
 * or through its dependencies (by whom first required it), holds Node's own globals.
 */
export function holdNodeGlobalsIn(packageDir: string): void {
  if (heldPackages.size === 0) hookCompile();
  heldPackages.add(packageDir + sep);
}

function hookCompile(): void {
  const { head, tail } = holdingGlobals(nodeOwnGlobals());
  const prototype = (Module as unknown as { prototype: CompiledModule }).prototype;
  const compile = prototype._compile;
  prototype._compile = function _compile(this: CompiledModule, content: string, filename: string, format?: string) {
    // (an ES module in a package without a "type": Node tries it as CommonJS first, and must see why it fails)
    const commonJs = (format === undefined || format === 'commonjs') && !ES_MODULE_SYNTAX.test(content);
    if (!commonJs || !loadedByHeldPackage(this, filename)) return compile.call(this, content, filename, format);
    // a #! line, which Node skips only at the very start, is kept as a comment
    return compile.call(this, head + content.replace(/^#!/, '//') + tail, filename, format);
  };
}

function loadedByHeldPackage(module: CompiledModule, filename: string): boolean {
  const held = (file: string | undefined) => file !== undefined && [...heldPackages].some((dir) => file.startsWith(dir));
  if (held(filename)) return true;
  for (let at = module.parent; at; at = at.parent) if (held(at.filename)) return true;
  return false;
}
