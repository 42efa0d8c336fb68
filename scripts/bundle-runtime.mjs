// Build step after tsc. First the ES modules of the CLI, the process hosting the worker threads,
// a forked worker and the threads' entry module, into dist/runtime/, split so entries share one
// copy of common code: the CLI loads a few files instead of hundreds, and starts in a third of the
// time. Then, as one CommonJS file, everything a worker thread runs, the test API included (below).
import { writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

await build({
  entryPoints: {
    'worker/thread-main': 'dist/worker/thread-main.js',
    host: 'dist/run/host/pool-host.js',
    fork: 'dist/run/host/fork-host.js',
    cli: 'dist/cli/main.js',
    // what a config file's `import { defineConfig } from 'vitest/config'` gets
    'vitest-config': 'dist/compat/vitest-config.js',
  },
  outdir: 'dist/runtime',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // esbuild is loaded lazily, and only to bundle a test file on a cache miss; piscina starts its
  // threads from a file of its own, found next to its code
  // jest-snapshot (with Babel, for inline snapshots) is loaded by the first Jest-dialect file that
  // takes snapshots, from node_modules
  external: ['esbuild', 'piscina', 'jest-snapshot'],
  // CommonJS dependencies bundled into ESM still call require() for Node's built-ins, and one
  // (jest-message-util) reads __dirname at load time
  banner: {
    js: [
      'import { createRequire as __ptestCreateRequire } from "node:module";',
      'import { fileURLToPath as __ptestFileURLToPath } from "node:url";',
      'const require = __ptestCreateRequire(import.meta.url);',
      'const __filename = __ptestFileURLToPath(import.meta.url);',
      'const __dirname = __ptestFileURLToPath(new URL(".", import.meta.url));',
    ].join(' '),
  },
  logLevel: 'warning',
});

// What a worker thread runs, the test API included, as one CommonJS file: a thread (and a forked
// worker) loads it from V8's code cache (src/worker/cached-load.ts), which Node 20 offers only for
// scripts, not for ES modules. Loaded lazily (esbuild, the environments) stays lazy within it.
await build({
  entryPoints: ['dist/thread-runtime.js'],
  outfile: 'dist/runtime/thread.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['esbuild', 'piscina', 'jest-snapshot'],
  define: { 'import.meta.url': '__ptestModuleUrl' },
  // a function restored from the code cache cannot import() (see src/io/dynamic-import.ts): what
  // ptest imports at run time goes through the entry module's import(), packages are required
  supported: { 'dynamic-import': false },
  banner: { js: 'var __ptestModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: 'warning',
});

// The test API as an ES module, for test bundles to import: the names of the thread's one instance.
const api = await import('../dist/index.js');
const names = Object.keys(api).filter((name) => name !== 'default');
await writeFile(
  'dist/runtime/thread-api.mjs',
  [
    'import { createRequire } from "node:module";',
    'const api = createRequire(import.meta.url)("./thread.cjs");',
    `export const { ${names.join(', ')} } = api;`,
    '',
  ].join('\n'),
);
