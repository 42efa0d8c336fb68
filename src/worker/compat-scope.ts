import { readFile } from 'node:fs/promises';
import { resetAfterFile } from '../compat/after-file.js';
import { environmentOf, installEnvironment } from '../compat/environment.js';
import { installGlobals } from '../compat/globals.js';
import { finishSnapshots, importsVitest, snapshotDialectOf, startSnapshots } from '../compat/snapshots.js';
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

/** what the file's own runner would do differently */
export interface FileDialect {
  /** Vitest runs describe callbacks after the import */
  deferCollection: boolean;
  /** Jest gives a test or hook that declares a parameter a `done` callback */
  doneCallbacks: boolean;
}

export async function withCompatScope<T>(file: string, root: string, compat: CompatSettings, run: (dialect: FileDialect) => Promise<T>): Promise<T> {
  if (compat.globals && !globalsInstalled) {
    installGlobals();
    globalsInstalled = true;
  }
  let teardown: (() => Promise<void> | void) | undefined;
  const source = await readFile(file, 'utf8');
  let complete = false;
  try {
    teardown = await installEnvironment(environmentOf(source, compat.environment), { root });
    const dialect = snapshotDialectOf(file, source, compat.snapshot.dialect);
    await startSnapshots(file, dialect, compat.snapshot, root);
    const result = await run({
      deferCollection: compat.snapshot.dialect === 'vitest' || importsVitest(source),
      // ptest's own API passes a context, whatever else the file uses
      doneCallbacks: dialect === 'jest' && !/from\s+['"]ptest['"]/.test(source),
    });
    complete = true;
    return result;
  } finally {
    // each step runs whatever the one before did: a snapshot file that cannot be written must not
    // leave the file's fake timers, stubs or environment to the next file on the thread
    try {
      // (a file that failed to import took no snapshot: -u must not empty its .snap file)
      await finishSnapshots(complete);
    } finally {
      try {
        resetAfterFile();
      } finally {
        await teardown?.();
      }
    }
  }
}
