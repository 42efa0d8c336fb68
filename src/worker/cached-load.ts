import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import vm from 'node:vm';
import { writeAtomicSync } from '../io/atomic-write.js';
import { moduleCache, newModule } from '../io/cjs-module.js';

/**
 * Requires a CommonJS file compiled from V8's code cache when one exists for it. Node 20 has no
 * compile cache of its own (22 does), and every worker thread, a fresh one per file under Vitest's
 * isolation and every forked worker, compiled ptest's whole runtime again: about half of a thread's
 * start. The cache is written by the first thread that loads the file, after its top level ran (so
 * it holds the functions that ran), and V8 rejects one made for other source or flags, which is
 * then written again. A cache that cannot be read or written only costs the compile.
 */

/** where Node 22's own compile cache goes too, one folder per user */
export const CODE_CACHE_DIR = join(tmpdir(), `ptest-v8-cache-${process.getuid?.() ?? 'user'}`);

export function requireCached(path: string, cacheDir = CODE_CACHE_DIR): unknown {
  const loaded = moduleCache[path];
  if (loaded) return loaded.exports;
  // a #! line, which Node's own loader skips, is kept as a comment: the lines stay where they were
  const source = readFileSync(path, 'utf8').replace(/^#!/, '//');
  const { size, mtimeMs } = statSync(path);
  // named by the file (and Node), then by its build: writing one removes the caches of its earlier builds
  const cacheFile = join(cacheDir, `${digest(path, process.version, process.arch)}-${digest(size, mtimeMs)}.bin`);
  const cachedData = readOrUndefined(cacheFile);
  const script = new vm.Script(Module.wrap(source), { filename: path, ...(cachedData ? { cachedData } : {}), importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  const module = newModule(path, null);
  // registered first, as Node does: a require of the same file (the test API's shim) gets this instance
  moduleCache[path] = module;
  try {
    (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(path), module, path, dirname(path));
  } catch (error) {
    delete moduleCache[path];
    throw error;
  }
  module.loaded = true;
  if (!cachedData || script.cachedDataRejected) {
    writeQuietly(cacheFile, script.createCachedData());
    removeEarlierBuilds(cacheFile);
  }
  return module.exports;
}

function digest(...parts: unknown[]): string {
  return createHash('sha1').update(parts.join('\0')).digest('hex').slice(0, 20);
}

function removeEarlierBuilds(cacheFile: string): void {
  const [fileKey] = basename(cacheFile).split('-');
  try {
    for (const name of readdirSync(dirname(cacheFile))) if (name.startsWith(`${fileKey}-`) && name.endsWith('.bin') && name !== basename(cacheFile)) rmSync(join(dirname(cacheFile), name), { force: true });
  } catch {
    // nothing to tidy, or not ours to tidy
  }
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** atomically, so that threads starting together never read half a cache */
function writeQuietly(file: string, data: Buffer): void {
  try {
    writeAtomicSync(file, data);
  } catch {
    // a read-only or full temp dir: the next thread compiles again
  }
}
