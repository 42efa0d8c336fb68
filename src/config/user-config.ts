import type { FakeTimerSettings, JsxSettings, ModuleAlias } from '../model/compat.js';
import type { QueueConfig } from './queue-options.js';

/** What a config file or the command line may set; every field optional, loosely typed. */
export interface UserConfig extends QueueConfig {
  root?: string;
  workers?: number | string;
  dist?: string;
  grep?: string;
  timeout?: number | string;
  reporters?: string[];
  bail?: number | string | boolean;
  maxWorkerMemory?: number | string;
  workerIdleMemory?: number | string;
  /** true = 'always' */
  keepSandbox?: boolean | string;
  sandbox?: { copy?: string[] };
  /** module run once per worker slot before its first file (path relative to the root) */
  setupWorker?: string;
  /** module (or modules, in order) run once per run in the main process before any worker starts: its default (or `setup`) export returns values for inject() or a teardown function; a `teardown` export runs after the last test */
  globalSetup?: string | string[];
  /** values tests read with inject(key), before any globalSetup provides its own (Vitest's provide); JSON values */
  provide?: Record<string, unknown>;
  /** module whose default export runs once after the last test (Jest's globalTeardown) */
  globalTeardown?: string | string[];
  /** call globalSetup and globalTeardown as Jest does: with (globalConfig, projectConfig), what they return unused (set when a Jest config is read) */
  jestGlobalSetup?: boolean;
  reruns?: number | string;
  rerunsDelay?: number | string;
  rerunIsolated?: boolean;
  /** true = 'worker': a fresh worker thread (or process) per file (Vitest's isolate); 'modules': fresh packages and globals per file on a reused worker (Jest's registry); false = 'none' */
  isolate?: boolean | string;
  failOnFlaky?: boolean;
  quarantine?: { file?: string; mode?: string; minFlaky?: number; window?: number; expiresAfterDays?: number; pruneAfter?: number };
  /** --quarantine <path>: wins over quarantine.file */
  quarantineFile?: string;
  strictQuarantine?: boolean;
  autoQuarantine?: boolean;
  include?: string[];
  exclude?: string[];
  repeat?: number | string;
  seed?: number | string;
  /** 'i/n' or 'auto' */
  shard?: string;
  /** --plan <file> */
  plan?: string;
  lastFailed?: boolean;
  /** path relative to the root, or false to neither read nor write one */
  history?: string | false;
  /** describe/it/expect and vi/jest as globals, as Jest has them (Vitest's `globals: true`) */
  globals?: boolean;
  /** the suite's projects whose exclude, environment or environmentConditions differ (Vitest's `test.projects`, Jest's `projects`): each project's test files are its include less its exclude, in its environment, with its conditions */
  projects?: { include: string[]; exclude?: string[]; environment?: string; environmentConditions?: Record<string, unknown>; windowNodeGlobals?: string[] }[];
  /** environment of files whose docblock names none: 'node', 'jsdom' or 'happy-dom' */
  environment?: string;
  /** modules imported before every test file, after its environment: paths (absolute or root-relative) or package names */
  setupFiles?: string[];
  /** modules whose export is a snapshot serializer (a pretty-format plugin), for every file: paths (absolute or root-relative) or package names */
  snapshotSerializers?: string[];
  /** rewrites of import specifiers, tried in order (Vite's resolve.alias, Jest's moduleNameMapper) */
  alias?: ModuleAlias[];
  /** extra package.json export conditions for imports (Vite's resolve.conditions) */
  conditions?: string[];
  /** packages to bundle into each test file, so that a spy on their exports reaches every importer (Vitest's server.deps.inline): true for all, or names and RegExps matched against the file's path */
  inlineDeps?: true | (string | RegExp)[];
  /** Jest's transformIgnorePatterns (RegExp sources): an ES module file of a package whose path matches none of them is bundled into each test file as CommonJS, as Jest transforms it, instead of Node loading it once per worker */
  transformIgnorePatterns?: string[];
  /** per environment ('node', 'jsdom', 'happy-dom'), the export conditions imports resolve with in place of Node's `node` (Jest 28+'s: `browser` in jsdom and happy-dom, or testEnvironmentOptions.customExportConditions in each) */
  environmentConditions?: Record<string, unknown>;
  /** resolve imports of packages with the `require` condition first, as Jest does (set when a Jest config is read) */
  requireCondition?: boolean;
  /** false: imports of CommonJS modules (and of Node's built-ins) compile as TypeScript compiles them without esModuleInterop: `import * as x` is the module's `module.exports`, a default import its `.default` (set when a Jest config's ts-jest reads a tsconfig without it) */
  esModuleInterop?: boolean;
  /** folders (root-relative) whose files mock the packages they are named after in every test file, with no mock call (Jest's `__mocks__` in each of its roots; set when a Jest config is read) */
  packageMocks?: string[];
  /** JSX in local `.js` files too, compiled so (read from a Jest project's Babel config): `{ runtime: 'automatic', importSource? }` or `{ runtime: 'classic', factory?, fragment? }` */
  jsx?: JsxSettings;
  /** how Jest-style tests that take `done` end: 'circus' (Jest 27+), or 'jasmine2' (Jest 26 and older: when done is called, whatever the test returns); read from Jest's testRunner and version */
  testRunner?: string;
  /** Jest's `transform`, in order: `{ pattern, transformer?, options? }`, a pattern (a RegExp's source) and the module that transforms files whose path it matches (a path or a package; none for a compiler esbuild stands in for). Run on images, stylesheets and other files esbuild has no loader for */
  fileTransforms?: { pattern: string; transformer?: string; options?: unknown }[];
  /** the URL of jsdom and happy-dom documents (Vitest's environmentOptions, Jest's testEnvironmentOptions.url) */
  environmentUrl?: string;
  /** more options for jsdom's constructor (Vitest's environmentOptions.jsdom, Jest's testEnvironmentOptions): html, userAgent, contentType, referrer, resources ('usable'), pretendToBeVisual, includeNodeLocations, storageQuota */
  jsdomOptions?: Record<string, unknown>;
  /** names of Node's own globals a jsdom or happy-dom window has in place of its own or of none (set for Jest's jest-fixed-jsdom environment: fetch, streams, URL, structuredClone...) */
  windowNodeGlobals?: string[];
  /** variables every test file finds on its global object, before its setup files run, each file its own copy (Jest's `globals`); JSON values */
  globalValues?: Record<string, unknown>;
  /** environment variables every test file finds in process.env and import.meta.env (Vitest's test.env, and Vite's define of `import.meta.env.X`) */
  env?: Record<string, string>;
  /** folders searched for a bare import that no node_modules has (Jest's modulePaths, NODE_PATH's way): absolute or from the root */
  modulePaths?: string[];
  /** whose snapshot file format to read and write: 'jest' or 'vitest' */
  snapshotDialect?: string;
  /** how stored snapshots print values (Jest's and Vitest's snapshotFormat): escapeString, printBasicPrototype */
  snapshotFormat?: { escapeString?: boolean; printBasicPrototype?: boolean };
  /** fake timers for every file: `{ global, options }` (read from Jest's `fakeTimers` / `timers` and Vitest's `fakeTimers`) */
  fakeTimers?: FakeTimerSettings;
  /** false: collect test files under `dist` folders too, as Jest does (set when a Jest config is read) */
  excludeDist?: boolean;
  /** drop what test files write to stdout and stderr, console included (--silent) */
  silent?: boolean;
  /** rewrite snapshots that do not match (-u) */
  update?: boolean;
  /** run test files in worker 'threads' or child process 'forks' */
  pool?: string;
  /** before each test: clear every mock's calls (Jest's clearMocks), reset their implementations, restore spies */
  clearMocks?: boolean;
  resetMocks?: boolean;
  restoreMocks?: boolean;
}

