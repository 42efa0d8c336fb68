import Module from 'node:module';
import { PropertyChanges } from '../compat/property-changes.js';
import { moduleCache as nodeModuleCache } from '../io/cjs-module.js';
import { retryModuleSyntaxAsCommonJs } from './module-syntax-retry.js';

/**
 * Which packages a test file loaded, for Jest's `resetModules` (later requires get new instances),
 * and Jest's isolation on a reused thread (`--isolate modules`): each file gets fresh instances of the
 * CommonJS packages it requires and leaves globalThis as it found it, while ptest's runtime, the
 * test environment (jsdom) and everything loaded before the file stay loaded. A fresh thread per
 * file would load all of those again, and that load is most of a small file's cost.
 *
 * A package belongs to the file when the file's bundle required it, directly or through packages
 * that the file loaded first. A package that shared code (jsdom, the runtime) loads lazily while
 * the file runs stays: dropping it would give the shared code a second copy of its own internals.
 * ES module packages stay too: Node cannot unload them (and Jest cannot run them untransformed).
 */
interface LoadedModule {
  filename: string;
  parent?: LoadedModule | null;
}

const moduleCache = nodeModuleCache as unknown as Record<string, LoadedModule | undefined>;

/**
 * Every file requires its packages again, and Node 20 compiles each again: its CommonJS loader
 * compiles with vm.compileFunction, which V8 does not cache. Its fallback for a patched
 * `Module.wrap` compiles a vm.Script, which V8 caches per thread by source. Assigning `wrap` to
 * itself selects that path: requiring react-dom, msw and Testing Library again takes half the time,
 * and @hookform/resolvers' suite about a fifth less CPU. The cost: columns on a package's first
 * line count the wrapper's 62 characters.
 */
function compileThroughCachedScripts(): void {
  // the setter is the switch
  Module.wrap = Module.wrap;
  // which also turns off Node's retry of an ES module in a package without a "type"
  retryModuleSyntaxAsCommonJs();
}

export class FileRegistry {
  private readonly modulesBefore = new Set(Object.keys(moduleCache));
  /** what the file does to globalThis, when the thread's next file must not see it */
  private readonly globals: PropertyChanges | undefined;

  /** `file`: the test file, whose bundle requires through a module named after it; `isolate`: the next file gets its own packages and globals */
  constructor(
    private readonly file: string,
    { isolate = true } = {},
  ) {
    if (!isolate) return;
    this.globals = new PropertyChanges();
    compileThroughCachedScripts();
  }

  /**
   * Forgets the packages the file loaded, so that the next file requires its own, and undoes what
   * the file did to globalThis's string keys (a registered symbol is a package's singleton: left be).
   */
  release(): void {
    this.forgetPackages();
    this.globals?.settleWithAdded();
    this.globals?.restore('the test file');
  }

  /**
   * Forgets the packages the file loaded so far, so that its next requires get new instances (Jest's
   * `resetModules`), and returns what puts them back (the end of `isolateModules`).
   */
  forgetPackages(): () => void {
    const owned = new Map<LoadedModule, boolean>();
    const forgotten = new Map<string, LoadedModule>();
    for (const [key, loaded] of Object.entries(moduleCache)) {
      // a native addon cannot be loaded twice into one thread; Jest shares them too
      if (loaded && !this.modulesBefore.has(key) && !key.endsWith('.node') && this.ownedByFile(loaded, owned)) {
        forgotten.set(key, loaded);
        delete moduleCache[key];
      }
    }
    return () => {
      for (const [key, loaded] of forgotten) moduleCache[key] = loaded;
    };
  }

  private ownedByFile(loaded: LoadedModule, owned: Map<LoadedModule, boolean>): boolean {
    const known = owned.get(loaded);
    if (known !== undefined) return known;
    const parent = loaded.parent;
    let result: boolean;
    if (!parent) result = false; // loaded by an `import`: Node's ES module loader keeps it anyway
    else if (parent.filename === this.file && moduleCache[parent.filename] !== parent) result = true; // the bundle's own require
    else if (this.modulesBefore.has(parent.filename)) result = false; // shared code loading more of itself
    else result = this.ownedByFile(parent, owned);
    owned.set(loaded, result);
    return result;
  }
}
