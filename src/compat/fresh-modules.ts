import { readFileSync } from 'node:fs';
import { newModule, runRegistered, type CompilableModule } from '../io/cjs-module.js';
import { perThread } from './per-thread.js';

type Registry = Map<string, CompilableModule>;

/**
 * The thread's module registry as far as a bundle has one: what `vi.resetModules()`,
 * `jest.resetModules()` and `jest.isolateModules()` empty. A file that calls them has its
 * `import()` / `require()` of local modules routed here (transform/fresh-loads.ts). Until the file
 * resets, a load gets the bundled instance, the one its static imports hold; after a reset, a
 * module's first load evaluates its CommonJS build afresh, and later loads in the same registry
 * share that instance, whether the test asks or a module importing it. Packages are Node's: Jest's
 * reset has Node forget the file's (`packages`), Vitest's keeps node_modules.
 */
export class FreshModules {
  /** undefined: the bundle's own instances. Keyed by a module's build (or, with none, its path). */
  private registry: Registry | undefined;
  /** modules loaded by path before any reset (worker/computed-loads.ts), which no bundle holds */
  private beforeReset: Registry = new Map();
  /**
   * The test file, as the parent of every module the registry evaluates: what they require then
   * belongs to the file, and a reused thread forgets it after the file (worker/file-registry.ts).
   */
  owner: CompilableModule | null = null;

  beginFile(file: string): void {
    this.owner = newModule(file, null);
  }

  /**
   * What forgets the packages the test file loaded (and returns what puts them back): Jest's
   * registry holds packages too, Vitest's keeps node_modules across a reset. Set per file by the
   * worker, which knows which packages are the file's.
   */
  packages: { forget(): () => void } | undefined;

  /** `packages`: Jest's reset, which gives later requires of packages new instances too */
  reset({ packages = false } = {}): void {
    this.registry = new Map();
    if (packages) this.packages?.forget();
  }

  isReset(): boolean {
    return this.registry !== undefined;
  }

  /** the registry a module loaded by path goes into */
  current(): Registry {
    return this.registry ?? this.beforeReset;
  }

  /** `jest.isolateModules`: a registry of its own for what `fn` loads (its packages too), the outer one back after it */
  isolate(fn: () => void): void {
    const outer = this.enterIsolated();
    try {
      fn();
    } finally {
      outer();
    }
  }

  async isolateAsync(fn: () => Promise<void>): Promise<void> {
    const outer = this.enterIsolated();
    try {
      await fn();
    } finally {
      outer();
    }
  }

  /** a registry of its own, and what puts the outer one back (its packages included) */
  private enterIsolated(): () => void {
    const outer = this.registry;
    const putBack = this.packages?.forget();
    this.registry = new Map();
    return () => {
      this.registry = outer;
      if (putBack) {
        this.packages?.forget();
        putBack();
      }
    };
  }

  require(sidecar: string, bundled: () => unknown): unknown {
    return this.registry ? this.dep(sidecar) : bundled();
  }

  /** a module's build asking for a local module it imports (transform/fresh-deps.ts): the registry's instance */
  dep(sidecar: string): unknown {
    const registry = this.current();
    const known = registry.get(sidecar);
    if (known) return known.exports;
    // named after the build, whose inline source map leads back to the sources
    const module = newModule(sidecar, this.owner);
    return runRegistered(registry, sidecar, module, () => module._compile(readFileSync(sidecar, 'utf8'), sidecar));
  }

  import(sidecar: string, bundled: () => Promise<unknown>): Promise<unknown> {
    if (!this.registry) return bundled();
    return Promise.resolve().then(() => asNamespace(this.require(sidecar, bundled)));
  }

  /** the instances of the file's inlined packages (transform/inline-deps.ts), shared with the modules it loads afresh */
  private inlinedPackages = new Map<string, unknown>();

  registerInlined(file: string, exports: unknown): void {
    if (!this.inlinedPackages.has(file)) this.inlinedPackages.set(file, exports);
  }

  inlined(file: string, copy: () => unknown): unknown {
    return this.inlinedPackages.has(file) ? this.inlinedPackages.get(file) : copy();
  }

  /** the next file starts with its bundle's instances */
  forget(): void {
    this.registry = undefined;
    this.inlinedPackages = new Map();
    this.beforeReset = new Map();
    this.packages = undefined;
  }
}

/** what `import()` of the module would give: an ES module's exports, or CommonJS exports as `default` */
export function asNamespace(exports: unknown): unknown {
  if ((exports as { __esModule?: unknown } | null)?.__esModule) return exports;
  return { ...(exports as object), default: exports };
}

export const freshModules: FreshModules = perThread('fresh', () => new FreshModules());
