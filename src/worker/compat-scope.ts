import { readFileSync } from 'node:fs';
import { resetAfterFile } from '../compat/after-file.js';
import { useChai } from '../compat/chai-chains.js';
import { useVitestResets } from '../compat/vitest-resets.js';
import { containArrayLikes } from '../compat/matchers-contain.js';
import { projectEnvironmentOf, projectOf } from '../compat/project-environment.js';
import { holdJsdomGlobals, installEnvironment, type EnvironmentOptions } from '../compat/environment.js';
import { environmentOf } from '../compat/environment-pragma.js';
import { clock } from '../compat/fake-clock.js';
import { installGlobals } from '../compat/globals.js';
import { setEnvValues, setGlobalValues } from '../compat/global-values.js';
import { finishSnapshots, importsVitest, snapshotDialectOf, startSnapshots, type SnapshotCounts } from '../compat/snapshots.js';
// made here, before any bundle reads it
import '../compat/import-meta-env.js';
import { runEach } from '../compat/run-each.js';
import { recordExpectExtensions } from '../compat/expect-extensions.js';
import { recordSnapshotSerializers } from '../compat/snapshot-serializers.js';
import type { DoneRule } from './done-callback.js';
import { FileRegistry } from './file-registry.js';
import { freshModules } from '../compat/fresh-modules.js';
import type { CompatSettings } from '../model/compat.js';
import { realSetImmediate } from './real-timers.js';

/**
 * What a Jest or Vitest file expects around it: the globals (once per thread), its environment
 * (a docblock or the suite's default) and its snapshot file while it is imported and run, and
 * afterwards a thread cleared of its fake timers, stubs, spies, module mocks and expect matchers
 * (and under --isolate modules, of the packages it required and the globals it set).
 */
let globalsInstalled = false;

/** what the file's own runner would do differently */
export interface FileDialect {
  /** Vitest runs describe callbacks after the import */
  deferCollection: boolean;
  /** Jest gives a test or hook that declares a parameter a `done` callback, and ends it by its runner's rule */
  doneCallbacks?: DoneRule;
}

/** how the thread keeps files apart, and how it imports an environment's package */
export interface ScopeOptions {
  isolateModules: boolean;
  /** nothing isolated (--no-isolate): the DOM window stays for the thread's next file, emptied */
  keepWindow?: boolean;
  importPackage?: EnvironmentOptions['importPackage'];
}

/** `onSnapshots`: what the file's snapshots came to, once it ran to its end */
export async function withCompatScope<T>(file: string, root: string, compat: CompatSettings, scope: ScopeOptions, run: (dialect: FileDialect) => Promise<T>, onSnapshots?: (counts: SnapshotCounts) => void): Promise<T> {
  if (compat.globals && !globalsInstalled) {
    installGlobals(compat.jasmine2 === true);
    globalsInstalled = true;
  }
  // undone after the file, the environment's teardown first: it still needs what the file loaded
  const registry = new FileRegistry(file, { isolate: scope.isolateModules });
  // which packages are the file's, for Jest's resetModules
  freshModules.packages = { forget: () => registry.forgetPackages() };
  const undo = [recordExpectExtensions(), recordSnapshotSerializers(), ...(scope.isolateModules ? [() => registry.release()] : [])];
  let teardown: (() => Promise<void> | void) | undefined;
  // (synchronous: nothing else runs on the thread meanwhile, and it costs a fraction of a promise-based read)
  const source = readFileSync(file, 'utf8');
  let result: T;
  try {
    const { importPackage, keepWindow } = scope;
    // a suite read from a Jest config gets Jest's jsdom, without the Node globals it lacks
    const jest = compat.snapshot.dialect === 'jest';
    const jestWindow = jest ? { jestGlobals: true, ...(compat.jestMajor === undefined ? {} : { jestMajor: compat.jestMajor }) } : {};
    if (jest) {
      holdJsdomGlobals(root);
      // Jest's environments keep 100 stack frames (Node's default, and Vitest's, is 10)
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 100;
      undo.push(() => void (Error.stackTraceLimit = limit));
    }
    // AbortController is the window's in Jest's jsdom and Vitest 3's; Vitest 4 keeps Node's, which Node's fetch takes
    const windowSignals = jest || (compat.snapshot.dialect === 'vitest' && (compat.vitestMajor ?? Infinity) < 4);
    const where = { root, windowSignals, ...(compat.environmentUrl ? { url: compat.environmentUrl } : {}), ...(compat.jsdomOptions ? { jsdom: compat.jsdomOptions } : {}), ...nodeGlobalsOf(file, root, compat), ...(importPackage ? { importPackage } : {}), ...(keepWindow ? { keepWindow } : {}), ...jestWindow };
    const environment = environmentOf(source, projectEnvironmentOf(file, root, compat));
    const removeEnvironment = await installEnvironment(environment, where);
    teardown = environment === 'node' ? removeEnvironment : async () => (await afterPendingImmediates(), await removeEnvironment());
    // on the environment's global, before the setup files
    if (compat.globalValues) undo.unshift(setGlobalValues(compat.globalValues));
    if (compat.env) undo.unshift(setEnvValues(compat.env));
    // Jest's fakeTimers.enableGlobally: every file starts with them, before its setup files
    clock.configure(compat.fakeTimers?.options ?? {});
    if (compat.fakeTimers?.global) clock.install('jest');
    const dialect = snapshotDialectOf(file, source, compat.snapshot.dialect);
    await startSnapshots(file, dialect, compat.snapshot, root);
    const vitest = compat.snapshot.dialect === 'vitest' || importsVitest(source);
    await useChai(vitest);
    useVitestResets(compat.vitestMajor);
    containArrayLikes(!jest || (compat.jestMajor ?? Infinity) < 30);
    result = await run({
      deferCollection: vitest,
      // ptest's own API passes a context, whatever else the file uses
      ...(dialect === 'jest' && !/from\s+['"]ptest['"]/.test(source) ? { doneCallbacks: compat.jasmine2 ? 'jasmine2' : 'circus' } : {}),
    });
  } catch (error) {
    // the file's own error says what went wrong; what its cleanup trips over after it is a consequence
    await cleanUp(false, teardown, undo);
    throw error;
  }
  const { failures, snapshots } = await cleanUp(true, teardown, undo);
  if (failures[0] !== undefined) throw new AfterFileError(failures[0]);
  if (snapshots) onSnapshots?.(snapshots);
  return result;
}

/** the file ran, and then undoing what it did to the thread failed: reported as the file's, never the next one's */
export class AfterFileError extends Error {
  constructor(readonly failure: unknown) {
    super(`cleaning up after the file failed: ${failure instanceof Error ? failure.message : String(failure)}`, { cause: failure });
  }
}

/**
 * Each step runs whatever the one before did: a snapshot file that cannot be written must not
 * leave the file's fake timers, stubs or environment to the next file on the thread.
 */
async function cleanUp(complete: boolean, teardown: (() => Promise<void> | void) | undefined, undo: readonly (() => void)[]): Promise<{ failures: unknown[]; snapshots?: SnapshotCounts }> {
  const failures: unknown[] = [];
  let snapshots: SnapshotCounts | undefined;
  try {
    // (a file that failed to import took no snapshot: -u must not empty its .snap file)
    snapshots = await finishSnapshots(complete);
  } catch (error) {
    failures.push(error);
  }
  failures.push(...resetAfterFile());
  try {
    await teardown?.();
  } catch (error) {
    failures.push(error);
  }
  failures.push(...runEach(undo));
  return { failures, ...(snapshots ? { snapshots } : {}) };
}

/**
 * What the DOM had started for the file settles while its window is there: jsdom's FileReader
 * fires its events two immediates after a read starts, and a component that updates its state
 * then (PatternFly's file upload) found the window gone. Jest tears its environment down several
 * turns of the event loop after the last test; these three turns are what such reads need.
 */
async function afterPendingImmediates(): Promise<void> {
  for (let turn = 0; turn < 3; turn++) await new Promise<void>((resolve) => realSetImmediate(resolve));
}

/** the window's Node globals: the file's project's, else the suite's (jest-fixed-jsdom's) */
function nodeGlobalsOf(file: string, root: string, compat: CompatSettings): { nodeGlobals?: readonly string[] } {
  const names = projectOf(file, root, compat)?.windowNodeGlobals ?? compat.windowNodeGlobals;
  return names ? { nodeGlobals: names } : {};
}
