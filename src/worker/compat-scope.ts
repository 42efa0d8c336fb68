import { readFile } from 'node:fs/promises';
import { resetAfterFile } from '../compat/after-file.js';
import { environmentOf, installEnvironment } from '../compat/environment.js';
import { installGlobals } from '../compat/globals.js';
import { finishSnapshots, snapshotDialectOf, startSnapshots } from '../compat/snapshots.js';
// made here, before any bundle reads it
import '../compat/import-meta-env.js';
import type { CompatSettings } from '../model/compat.js';

/**
 * What a Jest or Vitest file expects around it: the globals (once per thread), its environment
 * (a docblock or the suite's default) and its snapshot file while it is imported and run, and
 * afterwards a thread
 * cleared of its fake timers, stubs, spies and module mocks.
 */
let globalsInstalled = false;

export async function withCompatScope<T>(file: string, root: string, compat: CompatSettings, run: () => Promise<T>): Promise<T> {
  if (compat.globals && !globalsInstalled) {
    installGlobals();
    globalsInstalled = true;
  }
  let teardown: (() => Promise<void> | void) | undefined;
  const source = await readFile(file, 'utf8');
  try {
    teardown = await installEnvironment(environmentOf(source, compat.environment), { root });
    await startSnapshots(file, snapshotDialectOf(file, source, compat.snapshot.dialect), compat.snapshot, root);
    return await run();
  } finally {
    // snapshot files are written once per file, after its last test (a unit holds a whole file, or
    // a chunk of it: the engines merge with what is on disk, so chunks on other workers keep theirs)
    await finishSnapshots();
    resetAfterFile();
    await teardown?.();
  }
}
