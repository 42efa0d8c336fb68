import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { bundleFile } from './bundle-file.js';
import { dynamicImport } from '../io/dynamic-import.js';

/**
 * Imports a user module (a config, a global or worker setup) the way test files are imported:
 * bundled by esbuild, so TypeScript and local imports work, under a fresh URL of its own.
 */
export async function importBundled(path: string, o: { cacheDir: string; runtimeEntry: string }): Promise<Record<string, unknown>> {
  const bundle = await bundleFile(path, o);
  return await dynamicImport(`${pathToFileURL(bundle).href}?load=${randomUUID()}`);
}
