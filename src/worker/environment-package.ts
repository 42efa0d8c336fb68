import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { EnvironmentName } from '../model/compat.js';
import { copiedAsCommonJs, singleFileCopy } from '../transform/package-copy.js';
import { requireCached } from './cached-load.js';
import { dynamicImport } from '../io/dynamic-import.js';

/** the environments whose package loads from its single-file copy: both are packages of hundreds of files */
const COPIED: readonly EnvironmentName[] = ['happy-dom', 'jsdom'];

/**
 * How a test file's environment package is imported: happy-dom or jsdom from its single-file copy
 * (transform/package-copy.ts), which loads in a fraction of the time, unless the file's bundle
 * imports the package itself. Such a file must get the package instance its environment uses
 * (`instanceof` against happy-dom's classes), so it gets Node's own import, as does a copy that
 * cannot be built or loaded.
 */
export function environmentImporter(bundle: string, cacheDir: string): (entry: string, name: EnvironmentName, holdNodeGlobals: boolean) => Promise<Record<string, unknown>> {
  return async (entry, name, holdNodeGlobals) => {
    if (COPIED.includes(name) && !importsPackage(await readFile(bundle, 'utf8'), name)) {
      try {
        const copy = await singleFileCopy(entry, cacheDir, holdNodeGlobals);
        return copiedAsCommonJs(entry) ? (requireCached(copy) as Record<string, unknown>) : await dynamicImport(pathToFileURL(copy).href);
      } catch {
        // Node's import below says what is wrong with the package, if anything is
      }
    }
    return await dynamicImport(pathToFileURL(entry).href);
  };
}

/** Whether the bundle imports or requires a file of the package: it names each by its absolute path or file URL, quoted. */
function importsPackage(bundle: string, name: string): boolean {
  return new RegExp(`["'](?:file://)?/[^"'\\n]+/node_modules/${name}/`).test(bundle);
}
