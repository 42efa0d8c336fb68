import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * On-disk cache of bundled test files. An entry is valid while every input file esbuild read has
 * the same size and mtime as when it was built, so an unchanged test file (and everything local it
 * imports) is never rebuilt, across runs and across workers.
 */
interface Manifest {
  inputs: [path: string, mtimeMs: number, size: number][];
}

export class BundleCache {
  constructor(private readonly dir: string) {}

  /** Where the bundle for `key` lives (whether or not it is built yet). */
  outputPath(key: string): string {
    return join(this.dir, `${digest(key)}.mjs`);
  }

  /** The bundle's path if the cached one is still valid. */
  async lookup(key: string): Promise<string | undefined> {
    try {
      const manifest = JSON.parse(await readFile(this.manifestPath(key), 'utf8')) as Manifest;
      const checks = await Promise.all(
        manifest.inputs.map(async ([path, mtimeMs, size]) => {
          const s = await stat(path);
          return s.mtimeMs === mtimeMs && s.size === size;
        }),
      );
      return checks.every(Boolean) ? this.outputPath(key) : undefined;
    } catch {
      return undefined; // no entry, a deleted input or a torn manifest: rebuild
    }
  }

  /** Stores a bundle and the inputs it was built from; atomic, so concurrent workers can share it. */
  async store(key: string, code: string, inputPaths: readonly string[]): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const inputs = await Promise.all(
      inputPaths.map(async (path): Promise<Manifest['inputs'][number]> => {
        const s = await stat(path);
        return [path, s.mtimeMs, s.size];
      }),
    );
    const output = this.outputPath(key);
    await writeAtomic(output, code);
    // The manifest goes last: a reader that finds it finds the bundle too.
    await writeAtomic(this.manifestPath(key), JSON.stringify({ inputs } satisfies Manifest));
    return output;
  }

  private manifestPath(key: string): string {
    return join(this.dir, `${digest(key)}.json`);
  }
}

function digest(key: string): string {
  return createHash('sha1').update(key).digest('hex');
}

async function writeAtomic(path: string, data: string): Promise<void> {
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temp, data);
  await rename(temp, path);
}
