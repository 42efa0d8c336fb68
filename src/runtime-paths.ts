import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where ptest's own built files are. Found by walking up to ptest's package.json rather than from
 * this module's own place, because this module is also bundled into dist/runtime/.
 */
function packageRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    try {
      if ((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'ptest') return dir;
    } catch {
      // no package.json here: keep walking up
    }
    if (dirname(dir) === dir) throw new Error(`ptest: cannot find its own package.json above ${fileURLToPath(import.meta.url)}`);
  }
}

const ROOT = packageRoot();
/** ptest's own version, for `ptest --version` */
export const OWN_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
/** ptest's built code: stack frames from here are not the user's */
export const OWN_DIR = join(ROOT, 'dist');
/**
 * what `import … from 'ptest'` inside a test file resolves to: an ES module over the thread's
 * runtime (thread.cjs), so that the test file and the worker share its one instance
 */
export const RUNTIME_ENTRY = join(ROOT, 'dist', 'runtime', 'thread-api.mjs');
/** everything a worker thread runs, as one CommonJS file that loads from V8's code cache */
export const THREAD_RUNTIME = join(ROOT, 'dist', 'runtime', 'thread.cjs');
/** the main module of the process that hosts the worker threads */
export const HOST_ENTRY = join(ROOT, 'dist', 'runtime', 'host.js');
/** the main module of a forked worker process (`--pool forks`) */
export const FORK_ENTRY = join(ROOT, 'dist', 'runtime', 'fork.js');
/** the piscina task module */
export const WORKER_ENTRY = join(ROOT, 'dist', 'runtime', 'worker', 'thread-main.js');
