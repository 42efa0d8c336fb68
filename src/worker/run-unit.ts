import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { pathToFileURL } from 'node:url';
import type { RunRequest } from '../model/protocol.js';
import { lastInPlaceAttempt } from '../model/reruns.js';
import type { TestError } from '../model/results.js';
import { workerSandboxDir, testTmpdir } from '../sandbox/paths.js';
import { ensureWorkerSandbox, withEnvRestored } from '../sandbox/worker-sandbox.js';
import { bundleFile, testBundleOptions } from '../transform/bundle-file.js';
import type { ImportChain } from '../transform/import-chain.js';
import { aliasRewrite } from '../transform/alias-rewrite.js';
import { Collector, setCurrentCollector } from './collector.js';
import { PackageExtensions, PackageHooks } from './package-hooks.js';
import { expect } from '../compat/expect.js';
import { executeFile, reportStrayErrors } from './execute.js';
import { planFile, toFileNode } from './select.js';
import { testsIn, titlePathOf } from './runtime-tree.js';
import { keepSnapshotsOf, tallyOf, type SnapshotCounts } from '../compat/snapshots.js';
import { obsoleteFail, obsoleteMessage } from '../compat/obsolete-snapshots.js';
import { jestRetries } from '../compat/jest-object.js';
import { setProvided } from './provided.js';
import { toTestError } from './to-test-error.js';
import { AfterFileError, withCompatScope, type FileDialect } from './compat-scope.js';
import { environmentImporter } from './environment-package.js';
import { ensureWorkerSetup, setupWorkerName, workerInfo } from './worker-setup.js';
import type { Transport } from './transport.js';
import type { UncaughtErrors } from './uncaught.js';
import { dynamicImport } from '../io/dynamic-import.js';
import { computedLoads } from './computed-loads.js';
import { freshModules } from '../compat/fresh-modules.js';
import { importErrorLine, isBuildFailure } from './build-error.js';
import { routeRequiredAssets } from './required-assets.js';
import { routeRequiredSources } from './required-sources.js';

/**
 * One work unit inside a worker: bundle the file, import it under a collector (collect), report
 * the tree, then run the planned tests (execute). Never throws: every problem becomes a message.
 */
/** What the thread gives every unit it runs. */
export interface ThreadRuntime {
  /** ptest's public entry, what `import 'ptest'` in a test file resolves to */
  runtimeEntry: string;
  /** ptest's own directory: frames from here are not the user's */
  internalDirs: string[];
  uncaught: UncaughtErrors;
}

export async function runUnit(request: RunRequest, transport: Transport, thread: ThreadRuntime): Promise<void> {
  const post = transport.post.bind(transport);
  const toError = (thrown: unknown, site?: Error): TestError => toTestError(thrown, thread.internalDirs, site);
  post({ type: 'unit:started' });
  await thread.uncaught.within(request.unit.file, () =>
    // a file's changes to process.env are undone before the next file on this thread
    withEnvRestored(async () => {
      // Errors an earlier file left behind (a late timer) are its own, reported before this one starts.
      reportStrayErrors({ uncaught: thread.uncaught, toError, post });
      await collectAndExecute(request, { post, flush: () => transport.flush() }, toError, thread);
      reportStrayErrors({ uncaught: thread.uncaught, toError, post });
    }),
  );
  post({ type: 'unit:end', heapUsedBytes: getHeapStatistics().used_heap_size });
}

async function collectAndExecute(request: RunRequest, transport: Transport, toError: (thrown: unknown, site?: Error) => TestError, thread: ThreadRuntime): Promise<void> {
  const { unit, settings, slot } = request;
  const absFile = join(settings.root, unit.file);
  const sandbox = workerSandboxDir(settings.sandbox.runDir, slot);
  const post = transport.post;
  try {
    await ensureWorkerSandbox(sandbox, settings.root, settings.sandbox.copy);
    setProvided(settings.provided);
    Object.assign(process.env, await setUpWorker(request, sandbox, thread.runtimeEntry));
    const { compat } = settings;
    const bundle = await bundleFile(absFile, { ...testBundleOptions(settings, thread.runtimeEntry, absFile), traceFailures: true });
    computedLoads.beginFile(bundle, aliasRewrite(compat.alias), compat.jsx, compat.modulePaths);
    if (compat.alias.length > 0 || compat.fileTransforms) routeRequiredAssets(settings.root, compat);
    routeRequiredSources(compat.jsx);
    freshModules.beginFile(absFile);
    const obsoleteFails = obsoleteFail(compat.snapshot.dialect, compat.snapshot.update, compat.vitestMajor);
    const onSnapshots = (counts: SnapshotCounts): void => {
      const tally = tallyOf(counts, compat.snapshot.update);
      if (Object.values(tally).some((n) => n > 0)) post({ type: 'snapshots', tally });
      if (obsoleteFails && tally.obsolete > 0) post({ type: 'file:error', kind: 'snapshot', message: obsoleteMessage(counts.obsolete, obsoleteFails) });
    };
    // a worker that runs several files loads the environment's package once: a copy would not pay for its build
    const scope = { isolateModules: settings.isolateModules, keepWindow: sharesPackages(settings), ...(settings.freshWorkerPerFile ? { importPackage: environmentImporter(bundle, settings.cacheDir) } : {}) };
    await withCompatScope(absFile, settings.root, compat, scope, (dialect) => importAndExecute(bundle, request, transport, toError, thread, sandbox, dialect), onSnapshots);
  } catch (thrown) {
    if (thrown instanceof CollectError) {
      post({ type: 'file:error', kind: 'collect', message: thrown.message });
      return;
    }
    if (thrown instanceof AfterFileError) {
      const error = toError(thrown.failure);
      post({ type: 'file:error', kind: 'teardown', message: thrown.message, ...(error.stack ? { stack: error.stack } : {}) });
      return;
    }
    const error = toError(thrown);
    // a failed build's stack is esbuild's own, and its paths from the file's folder would keep files that share the error apart
    const stack = error.stack && !isBuildFailure(error.message) ? { stack: error.stack } : {};
    post({ type: 'file:error', kind: 'import', message: importErrorLine(error.message, absFile, settings.root, (thrown as Partial<ImportChain>).importChain, error.stack), ...stack });
  }
}

/** how many test timeouts importing a file may take */
const IMPORT_TIMEOUT_FACTOR = 10;

/** nothing isolated (--no-isolate): the packages a file loads stay for the thread's next files */
const sharesPackages = (settings: RunRequest['settings']): boolean => !settings.isolateModules && !settings.freshWorkerPerFile;
/** the root hooks and expect extensions the packages loaded on this thread made (package-hooks.ts) */
const packageHooks = new PackageHooks();
const packageExtensions = new PackageExtensions();

/** collect (import the bundle under a collector), report the tree, then execute the planned tests */
async function importAndExecute(bundle: string, request: RunRequest, transport: Transport, toError: (thrown: unknown, site?: Error) => TestError, thread: ThreadRuntime, sandbox: string, dialect: FileDialect): Promise<void> {
  const { unit, settings, slot } = request;
  const post = transport.post;
  const shared = sharesPackages(settings);
  const collector = new Collector(dialect.deferCollection, shared);
  if (shared) {
    packageHooks.registerAgain(collector.root);
    packageExtensions.extendAgain(expect);
  }
  // Jest and Vitest set no limit on an import: a file importing WordPress's block editor took 4 s
  // alone, over 5 beside another worker; the limit stays for an import that never ends
  post({ type: 'file:importing', timeoutMs: settings.timeoutMs * IMPORT_TIMEOUT_FACTOR });
  setCurrentCollector(collector);
  // A fresh URL per import: new instances of the file and all its local modules.
  const load = () => dynamicImport(`${pathToFileURL(bundle).href}?unit=${randomUUID()}`);
  try {
    await (shared ? packageExtensions.watching(expect, load) : load());
    await collector.collectDeferred();
  } finally {
    setCurrentCollector(undefined);
    packageHooks.keep(collector.packageHooks);
  }
  // Jest and Vitest both fail a file that defines no test: most often a wrong include glob or a typo
  if (collector.problems.length === 0 && testsIn(collector.root).length === 0) collector.problems.push('no test found in this file');
  if (collector.problems.length > 0) throw new CollectError(collector.problems.join('; '));
  const selection = {
    grep: settings.grep === null ? null : new RegExp(settings.grep),
    testIds: unit.testIds ? new Set(unit.testIds) : null,
    excludeTestIds: unit.excludeTestIds ? new Set(unit.excludeTestIds) : null,
    skipIds: settings.skipIds.length > 0 ? new Set(settings.skipIds) : null,
  };
  const deselected: string[] = [];
  const planned = planFile(collector.root, unit.file, selection, deselected);
  post({ type: 'file:collected', tree: toFileNode(collector.root, unit.file, planned), ...(deselected.length > 0 ? { deselected } : {}) });
  // each test's last outcome here: the snapshots of those that did not pass are kept (not obsolete)
  const passed = new Set<string>();
  const observe: Transport['post'] = (message) => {
    if (message.type === 'test:end') (message.attempt.status === 'passed' ? passed.add(message.id) : passed.delete(message.id));
    post(message);
  };
  // the file's own jest.retryTimes, set while it was imported, on top of --reruns
  const retries = jestRetries();
  const firstAttempt = unit.firstAttempt ?? 0;
  await executeFile(collector.root, {
    planned,
    defaultTimeoutMs: settings.timeoutMs,
    mocks: settings.compat.mocks,
    workerId: slot,
    firstAttempt,
    lastAttempt: Math.max(lastInPlaceAttempt(settings.reruns, unit), unit.isolated ? firstAttempt : retries.times),
    rerunsDelayMs: Math.max(settings.reruns.delayMs, retries.waitMs),
    isolated: unit.isolated === true,
    sandbox,
    tmpdirFor: (testId, attempt) => testTmpdir(settings.sandbox.runDir, slot, testId.slice(unit.file.length + 3), attempt),
    post: observe,
    toError,
    uncaught: thread.uncaught,
    doneCallbacks: dialect.doneCallbacks,
    deferRetries: retries.times > 0 && !retries.immediately,
  });
  // the last test's end is out before the environment's teardown and the snapshot writes run
  transport.flush();
  for (const test of testsIn(collector.root)) if (!passed.has(planned.get(test)?.id ?? '')) keepSnapshotsOf(titlePathOf(test));
}

async function setUpWorker(request: RunRequest, sandbox: string, runtimeEntry: string): Promise<Record<string, string>> {
  try {
    return await ensureWorkerSetup(request.settings, workerInfo(request.slot, request.settings.workerCount, sandbox), runtimeEntry);
  } catch (error) {
    throw new Error(`${setupWorkerName(request.settings)} failed for worker ${request.slot}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** the file was imported, but what it registered cannot be run */
class CollectError extends Error {}
