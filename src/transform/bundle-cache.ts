import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from '../io/atomic-write.js';

/**
 * On-disk cache of bundled test files. An entry is valid while every input file esbuild read has
 * the same size and mtime as when it was built, and every file the build looked for and did not
 * find (a `__mocks__` file) is still missing, and every file written beside the bundle (the builds
 * of modules loaded afresh) is still there, so an unchanged test file (and everything local it
 * imports) is never rebuilt, across runs and across workers.
 */
interface Manifest {
  inputs: [path: string, mtimeMs: number, size: number][];
  absent?: string[];
  beside?: string[];
}

/** what a bundle's validity depends on besides its inputs */
export interface BundleExtras {
  /** files the build looked for and did not find */
  absent?: readonly string[];
  /** files written with the bundle, which it loads */
  beside?: readonly string[];
}

export class BundleCache {
  /** `ext`: what its files end in (CommonJS copies of packages are `.cjs`) */
  constructor(
    private readonly dir: string,
    private readonly ext = '.mjs',
  ) {}

  /** Where the bundle for `key` lives (whether or not it is built yet). */
  outputPath(key: string): string {
    return join(this.dir, `${digest(key)}${this.ext}`);
  }

  /** Whether an entry for `key` was ever recorded (valid or not: lookup() decides that). */
  async has(key: string): Promise<boolean> {
    return stat(this.manifestPath(key)).then(
      () => true,
      () => false,
    );
  }

  /**
   * The bundle's path if the cached one is still valid. Synchronous: a worker thread has nothing
   * else to do meanwhile, and a promise-based read (four hops through libuv's pool) and a stat per
   * input cost more than a trivial test file runs.
   */
  lookup(key: string): string | undefined {
    try {
      const manifest = JSON.parse(readFileSync(this.manifestPath(key), 'utf8')) as Manifest;
      const unchanged = manifest.inputs.every(([path, mtimeMs, size]) => {
        const s = statSync(path, { throwIfNoEntry: false });
        return s !== undefined && s.mtimeMs === mtimeMs && s.size === size;
      });
      const exists = (path: string) => statSync(path, { throwIfNoEntry: false }) !== undefined;
      const complete = !(manifest.absent ?? []).some(exists) && (manifest.beside ?? []).every(exists);
      return unchanged && complete ? this.outputPath(key) : undefined;
    } catch {
      return undefined; // no entry or a torn manifest: rebuild
    }
  }

  /**
   * Stores a bundle and the inputs it was built from; atomic, so concurrent workers can share it.
   * An input changed after `buildStartMs` may have been read in its old state: then the bundle is
   * used once but not recorded as valid.
   */
  async store(key: string, code: string, inputPaths: readonly string[], buildStartMs: number, { absent = [], beside = [] }: BundleExtras = {}): Promise<string> {
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
      const extras = { ...(absent.length > 0 ? { absent: [...absent] } : {}), ...(beside.length > 0 ? { beside: [...beside] } : {}) };
      await writeAtomic(this.manifestPath(key), JSON.stringify({ inputs, ...extras } satisfies Manifest));
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
