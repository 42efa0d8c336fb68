import { sep } from 'node:path';
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
}

const NODE_MODULES = `${sep}node_modules${sep}`;
const BUNDLE_CACHE = `${sep}node_modules${sep}.cache${sep}`;

/** whether the code registering a hook now is a package's that Node loaded: the first caller outside ptest's own code */
export function registeredByPackage(): boolean {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  try {
    Error.prepareStackTrace = (_, sites) => sites;
    Error.stackTraceLimit = 20;
    Error.captureStackTrace(holder, registeredByPackage);
    const caller = (holder.stack ?? []).map((site) => site.getFileName() ?? '').find((file) => file !== '' && !file.startsWith(OWN_DIR) && !file.startsWith('node:'));
    return caller !== undefined && caller.includes(NODE_MODULES) && !caller.includes(BUNDLE_CACHE);
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

  registerAgain(root: RuntimeSuite): void {
    for (const { kind, hook } of this.kept) root.hooks[kind].push(hook);
  }
}
