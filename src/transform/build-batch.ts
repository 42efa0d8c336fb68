import { readFile } from 'node:fs/promises';
import type { BundleCache } from './bundle-cache.js';
import type { BundleOptions } from './bundle-file.js';
import { buildBundle, buildBundles, type BundleEntry } from './build-bundle.js';
import { FRESH_API_HINT } from './fresh-loads.js';
import { MOCK_API_HINT } from './hoist-mocks.js';
import { spiedSpecifiers } from './spied-modules.js';

/**
 * Bundles several test files at once, for the coordinator that bundles ahead of the workers. An
 * esbuild build of several entries parses each module they share once: zod's 196 test files each
 * bundle the same 90 modules of its source, and built eight to a build esbuild used a third of the
 * CPU it used for one build per file.
 *
 * A file shares a build only when sharing cannot change its bundle. Its own mock calls, module
 * resets and spies on a module namespace change how the modules it imports are bundled, for every
 * entry of a build, so such a file is built alone; and every file is, when a setup file resets
 * modules (what it may load afresh is built beside one bundle). A shared build that fails (a file
 * does not parse, an import is missing) is done again file by file, so that each file's bundle or
 * error is its own. Rejects with the first file's error once every build has ended.
 */
export async function buildTogether(entries: readonly BundleEntry[], options: BundleOptions, cache: BundleCache, builds: Builds = BUILDS): Promise<void> {
  const setupResets = await Promise.all((options.suite?.setupFiles ?? []).map(async (file) => FRESH_API_HINT.test(await readFile(file, 'utf8').catch(() => ''))));
  const shares = setupResets.includes(true) ? entries.map(() => false) : await Promise.all(entries.map(({ file }) => mayShareBuild(file)));
  const together = entries.filter((_, i) => shares[i]);
  const one = (entry: BundleEntry) => builds.one(entry.file, options, cache, entry.key);
  // a shared build that fails is done again file by file
  const shared = async () => {
    const built = together.length > 1 && (await builds.together(together, options, cache).then(() => true, () => false));
    if (!built) await allEnded(together.map(one));
  };
  await allEnded([shared(), ...entries.filter((_, i) => !shares[i]).map(one)]);
}

/** the builds buildTogether starts (a test counts them) */
export interface Builds {
  one: typeof buildBundle;
  together: typeof buildBundles;
}
const BUILDS: Builds = { one: buildBundle, together: buildBundles };

/** waits for every promise to settle, then rejects with the first rejection, if any */
async function allEnded(promises: readonly Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(promises)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** whether the file's source uses none of the module-registry calls that change how its imports are bundled */
async function mayShareBuild(file: string): Promise<boolean> {
  try {
    const source = await readFile(file, 'utf8');
    return !MOCK_API_HINT.test(source) && !FRESH_API_HINT.test(source) && spiedSpecifiers(source, file).length === 0;
  } catch {
    return false; // unreadable or unparsable: its own build reports why
  }
}
