import type { HookKind } from '../model/protocol.js';
import { newSuite, type HookFn, type Mark, type RuntimeSuite, type SuiteFlags, type TestFlags, type TestFn } from './runtime-tree.js';
import { isThenable } from '../model/thenable.js';
import { registeringPackage, type KeptHook } from './package-hooks.js';

/**
 * Receives the registrations (`describe`, `it`, hooks) a test file makes while it is imported.
 * One collector exists per imported file; the public API reaches it through `currentCollector`.
 * Jest runs a describe's callback as it is called; Vitest (`deferred`) only once the file has been
 * imported, so a callback may use a `const` declared further down the file (and may be async).
 */
export class Collector {
  readonly root: RuntimeSuite = newSuite('', 'none', undefined);
  private current: RuntimeSuite = this.root;
  /** registration errors (e.g. an async describe), reported as import errors of the file */
  readonly problems: string[] = [];
  private readonly bodies = new Map<RuntimeSuite, () => unknown>();
  /** root hooks a package registered as it loaded, noted when `watchPackages` (see package-hooks.ts) */
  readonly packageHooks: KeptHook[] = [];

  constructor(
    private readonly deferred = false,
    private readonly watchPackages = false,
  ) {}

  /** whose rules title `.each` cases: a Vitest file's (the one that defers collection) or Jest's */
  get eachTitles(): 'jest' | 'vitest' {
    return this.deferred ? 'vitest' : 'jest';
  }

  addSuite(name: string, body: (() => unknown) | undefined, mark: Mark, flags: SuiteFlags = {}): void {
    const suite = newSuite(name, mark, this.current, flags);
    this.current.children.push(suite);
    if (!body) return;
    if (this.deferred) return void this.bodies.set(suite, body);
    const parent = this.current;
    this.current = suite;
    try {
      const returned = body();
      if (isThenable(returned)) {
        this.problems.push(`describe('${name}') returned a promise: describe callbacks must be synchronous`);
      }
    } finally {
      this.current = parent;
    }
  }

  /** Vitest's order: each deferred describe callback (awaited), then the describes it declared, depth first. */
  async collectDeferred(suite: RuntimeSuite = this.root): Promise<void> {
    for (const child of [...suite.children]) {
      if (child.kind !== 'suite') continue;
      const body = this.bodies.get(child);
      this.bodies.delete(child);
      if (body) {
        const parent = this.current;
        this.current = child;
        try {
          await body();
        } finally {
          this.current = parent;
        }
      }
      await this.collectDeferred(child);
    }
  }

  addTest(name: string, fn: TestFn | undefined, mark: Mark, timeoutMs: number | undefined, flags: TestFlags = {}): void {
    // The Error is cheap to create: V8 formats (and source-maps) its stack only if it is read.
    const site = new Error('registered here');
    const concurrent = flags.concurrent ?? this.current.flags.concurrent;
    this.current.children.push({ kind: 'test', name, fn, mark, flags: { ...flags, concurrent }, timeoutMs, parent: this.current, site });
  }

  addHook(kind: HookKind, fn: HookFn, timeoutMs: number | undefined): void {
    const hook = { fn, timeoutMs };
    this.current.hooks[kind].push(hook);
    const registering = this.watchPackages && this.current === this.root ? registeringPackage() : undefined;
    if (registering) this.packageHooks.push({ kind, hook, ...registering });
  }
}

/**
 * The collector of the file being imported on this thread. It is ambient because `describe()` is
 * called from user code with no handle to pass; it lives on globalThis (not in a module variable)
 * so that a second copy of ptest loaded from a user's node_modules still registers here.
 */
const SLOT = Symbol.for('ptest.collector');
type Ambient = { [SLOT]?: Collector };

export function setCurrentCollector(collector: Collector | undefined): void {
  (globalThis as Ambient)[SLOT] = collector;
}

export function currentCollector(api: string): Collector {
  const collector = (globalThis as Ambient)[SLOT];
  if (!collector) {
    throw new Error(
      `ptest: ${api}() was called outside test collection: run this file with the ptest CLI, ` +
        `and call ${api}() at the top level of the file or inside describe(), not inside a test`,
    );
  }
  return collector;
}
