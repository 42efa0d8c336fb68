import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { moduleCache } from '../io/cjs-module.js';
import type { HookKind } from '../model/protocol.js';
import { OWN_DIR } from '../runtime-paths.js';
import type { Hook, RuntimeSuite } from './runtime-tree.js';

/**
 * Under --no-isolate a package stays loaded for the thread's later files, so the hooks it
 * registered at the top level as it loaded (Testing Library's `afterEach(cleanup)`, its act
 * environment's `beforeAll`/`afterAll`) would serve only the first file that loaded it: the next
 * files' renders piled up in one page. Jest, and Vitest with isolation, load the package again
 * for each file, which registers them again; here the thread registers them again for each
 * later file. (A package bundled into a test file, one that imports the test API, runs again with
 * each file and registers its own.)
 */
export interface KeptHook {
  kind: HookKind;
  hook: Hook;
  /** the package file that registered it, and its instance then: a package loaded anew registers its own */
  file: string;
  module: unknown;
}


const NODE_MODULES = `${sep}node_modules${sep}`;
/** (the wrapper of expect.extend below is ptest's own code too, also when run from its sources) */
const THIS_FILE = fileURLToPath(import.meta.url);
const BUNDLE_CACHE = `${sep}node_modules${sep}.cache${sep}`;

/** The package file (one Node loaded) whose code registers a hook now: the first caller outside ptest's own code. */
export function registeringPackage(): { file: string; module: unknown } | undefined {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  try {
    Error.prepareStackTrace = (_, sites) => sites;
    Error.stackTraceLimit = 20;
    Error.captureStackTrace(holder, registeringPackage);
    const own = (file: string) => file.startsWith(OWN_DIR) || file === THIS_FILE || file.startsWith('node:');
    const caller = (holder.stack ?? []).map((site) => site.getFileName() ?? '').find((file) => file !== '' && !own(file));
    if (caller === undefined || !caller.includes(NODE_MODULES) || caller.includes(BUNDLE_CACHE)) return undefined;
    return { file: caller, module: moduleCache[caller] };
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
}

/** the root hooks packages registered on the thread so far, for each later file */
export class PackageHooks {
  private readonly kept: KeptHook[] = [];

  keep(hooks: readonly KeptHook[]): void {
    this.kept.push(...hooks);
  }

  /** the kept hooks whose package instance is still the one Node holds (jest.resetModules may have had it forgotten) */
  registerAgain(root: RuntimeSuite): void {
    for (const { kind, hook } of stillLoaded(this.kept)) root.hooks[kind].push(hook);
  }
}

/** what a package may add to expect as it loads, each undone after a file (compat/expect-extensions.ts, snapshot-serializers.ts) */
const EXTENDING = ['extend', 'addSnapshotSerializer', 'addEqualityTesters'] as const;
type Extending = (typeof EXTENDING)[number];
type Extendable = Partial<Record<Extending, (arg: never) => void>>;

interface KeptExtension {
  method: Extending;
  arg: unknown;
  file: string;
  module: unknown;
}

/**
 * The same for what a package adds to expect as it loads (@testing-library/jest-dom's
 * `expect.extend`, a serializer package's `addSnapshotSerializer`): a file's additions are undone
 * after it, so under --no-isolate the package's would serve the first file alone. They are made
 * again before each later file.
 */
export class PackageExtensions {
  private readonly kept: KeptExtension[] = [];

  /** Notes the additions packages make while `run` imports a file; expect's methods are put back after it. */
  async watching<T>(expect: Extendable, run: () => Promise<T>): Promise<T> {
    const originals = EXTENDING.flatMap((method) => {
      const original = expect[method];
      return typeof original === 'function' ? [[method, original] as const] : [];
    });
    const kept = this.kept;
    for (const [method, original] of originals) {
      expect[method] = function (this: unknown, arg: never) {
        const registering = registeringPackage();
        if (registering) kept.push({ method, arg, ...registering });
        return original.call(this, arg);
      };
    }
    try {
      return await run();
    } finally {
      for (const [method, original] of originals) expect[method] = original;
    }
  }

  extendAgain(expect: Extendable): void {
    for (const { method, arg } of stillLoaded(this.kept)) expect[method]?.(arg as never);
  }
}

/** drops from `kept` what a package instance Node no longer holds made (jest.resetModules had it forgotten); returns the rest */
function stillLoaded<T extends { file: string; module: unknown }>(kept: T[]): T[] {
  const live = kept.filter(({ file, module }) => moduleCache[file] === module);
  kept.splice(0, kept.length, ...live);
  return live;
}
