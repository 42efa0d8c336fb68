import { join } from 'node:path';
import type { RunRequest, RunSettings } from '../model/protocol.js';
import { prebundleFiles, testBundleOptions, type BundleOptions } from '../transform/bundle-file.js';
import type { Pool } from './pool.js';

/**
 * Bundles the run's test files in the coordinator, ahead of the workers, into the bundle cache
 * the workers read. A worker that bundles for itself first loads esbuild, starts its service and
 * loads Babel's parser, and under `--isolate worker` every file's fresh thread does it again; on
 * an empty cache that cost more than the tests of a typical file (Tiptap's, zod's and msw's suites
 * ran 1.4-2.2x their warm time). Here one esbuild service bundles the files in the order the
 * workers will want them, a few builds at a time, and a unit goes to its worker once its bundle is
 * in the cache (or failed: the worker then bundles it itself and reports the error).
 *
 * A build takes several files (their shared modules are parsed once, see transform/build-batch.ts):
 * one file to a build for the first round, so that the first workers start as soon as they can,
 * then twice as many each round, up to `mostToABuild`.
 */
export class Prebundler {
  private readonly builds = new Map<string, Promise<void>>();
  private readonly order: string[];
  private next = 0;
  private running = 0;
  private started = 0;
  private stopped = false;

  constructor(
    files: readonly string[],
    private readonly bundle: (files: string[]) => Promise<unknown>,
    private readonly concurrency: number,
    private readonly mostToABuild = 1,
  ) {
    this.order = [...new Set(files)];
    this.pump();
  }

  /** resolves once `file` is bundled (or failed to); a file not planned is bundled now (after stop(), by its worker) */
  ready(file: string): Promise<void> {
    return this.builds.get(file) ?? (this.stopped ? Promise.resolve() : this.start([file]));
  }

  /**
   * The run is over (or stopped early): no more bundles start; resolves once those under way are
   * done, so that none keeps the process alive after the run.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.builds.values());
  }

  private start(files: string[]): Promise<void> {
    this.running++;
    this.started++;
    const built = this.bundle(files).then(
      () => undefined,
      () => undefined,
    );
    for (const file of files) this.builds.set(file, built);
    void built.then(() => {
      this.running--;
      this.pump();
    });
    return built;
  }

  private pump(): void {
    while (!this.stopped && this.running < this.concurrency && this.next < this.order.length) {
      const size = Math.min(this.mostToABuild, 2 ** Math.floor(this.started / this.concurrency));
      const files: string[] = [];
      while (files.length < size && this.next < this.order.length) {
        const file = this.order[this.next++]!;
        if (!this.builds.has(file)) files.push(file);
      }
      if (files.length > 0) void this.start(files);
    }
  }
}

/** the most files to one esbuild build: 8 to a build took zod's suite a third of the CPU of 1, 20 little less than 8 */
const MOST_TO_A_BUILD = 8;

/** the coordinator's prebundler for a run's files, in the order the workers are expected to want them */
export function prebundlerFor(files: readonly string[], settings: RunSettings, runtimeEntry: string, concurrency: number): Prebundler {
  // one run's files ask esbuild the same questions: answered once for all of them
  const resolutions = new Map();
  const bundle = async (files: string[]) => {
    // files bundled alike share a build: those of another environment's conditions take their own
    const builds = new Map<string, { options: BundleOptions; files: string[] }>();
    for (const file of files.map((f) => join(settings.root, f))) {
      const options = { ...testBundleOptions(settings, runtimeEntry, file), resolutions };
      const key = JSON.stringify(options.suite?.environmentConditions ?? null);
      const same = builds.get(key);
      if (same) same.files.push(file);
      else builds.set(key, { options, files: [file] });
    }
    await Promise.all([...builds.values()].map(({ options, files }) => prebundleFiles(files, options)));
  };
  return new Prebundler(files, bundle, concurrency, MOST_TO_A_BUILD);
}

/** `pool`, sending each unit to its worker once the prebundler has its file's bundle */
export function afterPrebundle(pool: Pool, prebundler: Prebundler): Pool {
  return {
    run: async (request: RunRequest, onMessage, signal) => {
      await prebundler.ready(request.unit.file);
      return signal.aborted ? { kind: 'aborted' } : pool.run(request, onMessage, signal);
    },
    finishSlot: (slot, settings) => pool.finishSlot(slot, settings),
    recycle: (slot) => pool.recycle(slot),
    destroy: async () => void (await Promise.all([pool.destroy(), prebundler.stop()])),
  };
}
