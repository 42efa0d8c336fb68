import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from '../io/atomic-write.js';

/**
 * On-disk cache of bundled test files. An entry is valid while every input file esbuild read has
 * the same size and mtime as when it was built, and every file the build looked for and did not
 * find (a `__mocks__` file) is still missing, so an unchanged test file (and everything local it
 * imports) is never rebuilt, across runs and across workers.
 */
interface Manifest {
  inputs: [path: string, mtimeMs: number, size: number][];
  absent?: string[];
}

export class BundleCache {
  constructor(private readonly dir: string) {}

  /** Where the bundle for `key` lives (whether or not it is built yet). */
  outputPath(key: string): string {
    return join(this.dir, `${digest(key)}.mjs`);
  }

  /** Whether an entry for `key` was ever recorded (valid or not: lookup() decides that). */
  async has(key: string): Promise<boolean> {
    return stat(this.manifestPath(key)).then(
      () => true,
      () => false,
    );
  }

  /** The bundle's path if the cached one is still valid. */
  async lookup(key: string): Promise<string | undefined> {
    try {
      const manifest = JSON.parse(await readFile(this.manifestPath(key), 'utf8')) as Manifest;
      const checks = await Promise.all([
        ...manifest.inputs.map(async ([path, mtimeMs, size]) => {
          const s = await stat(path);
          return s.mtimeMs === mtimeMs && s.size === size;
        }),
        ...(manifest.absent ?? []).map((path) => stat(path).then(() => false, () => true)),
      ]);
      return checks.every(Boolean) ? this.outputPath(key) : undefined;
    } catch {
      return undefined; // no entry, a deleted input or a torn manifest: rebuild
    }
  }

  /**
   * Stores a bundle and the inputs it was built from; atomic, so concurrent workers can share it.
   * An input changed after `buildStartMs` may have been read in its old state: then the bundle is
   * used once but not recorded as valid.
   */
  async store(key: string, code: string, inputPaths: readonly string[], buildStartMs: number, absent: readonly string[] = []): Promise<string> {
    const inputs = await Promise.all(
      inputPaths.map(async (path): Promise<Manifest['inputs'][number]> => {
        const s = await stat(path);
        return [path, s.mtimeMs, s.size];
      }),
    );
    const output = this.outputPath(key);
    await writeAtomic(output, code);
    // The manifest goes last: a reader that finds it finds the bundle too.
    // 1 ms of slack: Date.now() is whole milliseconds, mtimes are not.
    if (inputs.every(([, mtimeMs]) => mtimeMs <= buildStartMs + 1)) {
      await writeAtomic(this.manifestPath(key), JSON.stringify({ inputs, ...(absent.length > 0 ? { absent: [...absent] } : {}) } satisfies Manifest));
    }
    return output;
  }

  private manifestPath(key: string): string {
    return join(this.dir, `${digest(key)}.json`);
  }
}

function digest(key: string): string {
  return createHash('sha1').update(key).digest('hex');
}
