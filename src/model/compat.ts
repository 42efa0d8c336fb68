/**
 * What a run takes over from Jest and Vitest, in the form that crosses into the workers: plain
 * data only (an alias is a RegExp's source, not a RegExp).
 */
export const ENVIRONMENTS = ['node', 'jsdom', 'happy-dom'] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

/** Where test files import Vitest's API from: Vitest, and Vite+'s re-export of it. */
export const VITEST_SPECIFIERS: readonly string[] = ['vitest', 'vite-plus/test'];
/** Every name the test API is imported by, from a test file or a package: ptest provides each one. */
export const TEST_API_SPECIFIERS: readonly string[] = ['ptest', '@jest/globals', ...VITEST_SPECIFIERS];
/**
 * What a config file imports `defineConfig` from: Vitest's helpers, and Vite+'s (its `vite-plus` is
 * Vite's API with a `test` key). A stand-in answers: loading either would start Vite, and Vite+
 * needs Node 22.
 */
export const CONFIG_HELPER_SPECIFIERS: readonly string[] = ['vitest/config', 'vite-plus', 'vite-plus/test/config'];

/** Jest and Vitest snapshot files differ in header, key joiner and how errors are stored. */
export type SnapshotDialect = 'jest' | 'vitest';
/** 'new': write missing snapshots; 'all': rewrite mismatches too (-u); 'none': never write (CI) */
export type SnapshotUpdate = 'new' | 'all' | 'none';

export interface ModuleAlias {
  /** source of a RegExp matched against an import specifier */
  pattern: string;
  /** what the matched part becomes; `$1` refers to the pattern's groups (Jest's moduleNameMapper) */
  replacement: string;
}

/** jsdom's constructor options that a config can give as data (config/jsdom-options.ts) */
export interface JsdomOptions {
  html?: string;
  /** navigator.userAgent, and what jsdom sends when it loads a resource */
  userAgent?: string;
  contentType?: string;
  referrer?: string;
  /** load the images, stylesheets, scripts and frames a document names */
  resources?: 'usable';
  pretendToBeVisual?: boolean;
  includeNodeLocations?: boolean;
  storageQuota?: number;
}

export type EnvironmentConditions = Partial<Record<EnvironmentName, string[]>>;

export interface CompatSettings {
  /** describe/it/expect/vi/jest as globals, as Jest has them by default */
  globals: boolean;
  /** the environment of files without a docblock naming one */
  environment: EnvironmentName;
  /** the projects with an environment, export conditions or window globals of their own: a file the first of them takes (its include, less its exclude; root-relative globs) runs with them; one it leaves unset is the suite's */
  projectEnvironments?: { include: string[]; exclude: string[]; environment?: EnvironmentName; environmentConditions?: EnvironmentConditions; windowNodeGlobals?: string[] }[];
  /** absolute paths of modules imported before every test file, after its environment */
  setupFiles: string[];
  /** absolute paths of modules exporting snapshot serializers, added before every test file (Jest's and Vitest's snapshotSerializers) */
  snapshotSerializers: string[];
  alias: ModuleAlias[];
  /** extra package.json export conditions to resolve imports with (Vite's resolve.conditions) */
  conditions: string[];
  /**
   * The export conditions a file's imports resolve with in each environment, in place of Node's
   * (`node`): Jest 28+ resolves with its environment's (`browser` in jsdom and happy-dom, or
   * testEnvironmentOptions.customExportConditions in every one). Unset for an environment: Node's.
   */
  environmentConditions?: EnvironmentConditions;
  /** a package's `import` takes its CommonJS entry (the `require` condition) where it has one, as Jest requires every package */
  requireCondition: boolean;
  /** false: an import of a CommonJS module is its `module.exports` itself, as TypeScript compiles it without esModuleInterop (ts-jest's default); unset: Babel's interop */
  esModuleInterop?: false;
  /** packages bundled into each test file with exports a spy may replace (Vitest's server.deps.inline); unset: none */
  inlineDeps?: InlineDeps;
  /** packages every test file gets mocked without asking (Jest's `<rootDir>/__mocks__`), until it calls `jest.unmock` */
  packageMocks: PackageMock[];
  /** set on the global object of every file before its setup files, each file a fresh copy (Jest's `globals`) */
  globalValues?: Record<string, unknown>;
  /** set in process.env for every file, and put back after it (Vitest's test.env) */
  env?: Record<string, string>;
  /** absolute folders searched for a bare import that no node_modules has (Jest's modulePaths) */
  modulePaths?: string[];
  /** the address of jsdom and happy-dom documents; unset: Vitest's http://localhost:3000/ */
  environmentUrl?: string;
  /** more of jsdom's constructor options (the document's HTML, `resources: 'usable'`...) */
  jsdomOptions?: JsdomOptions;
  /** Node's own globals a jsdom or happy-dom window has in place of its own (jest-fixed-jsdom's fetch, streams, URL...) */
  windowNodeGlobals?: string[];
  /** before each test: clear every mock's calls, reset implementations too, or restore spies (Jest's clearMocks / resetMocks / restoreMocks) */
  mocks: { clear: boolean; reset: boolean; restore: boolean };
  /** the config's fake timers (Jest's `fakeTimers` / `timers`, Vitest's `fakeTimers`) */
  fakeTimers?: FakeTimerSettings;
  /** the major version of the suite's own Jest, when it has one (what its jsdom environment had differs: setImmediate until 26) */
  jestMajor?: number;
  /** the major version of the suite's own Vitest, when it has one (how `vi`'s mocks reset: vitest-resets.ts) */
  vitestMajor?: number;
  /** Jest's jasmine2 runner (Jest 26 and older, or testRunner says so): a test or hook that takes `done` ends when it calls it, whatever it returns, and `fail()` / `done.fail()` exist */
  jasmine2?: true;
  /** JSX in local `.js` files too, compiled with these settings where no tsconfig/jsconfig sets its own (a Jest project's Babel config) */
  jsx?: JsxSettings;
  /** Jest's transforms, run on the files esbuild has no loader for (jest-transforms.ts); unset when none is a module of the suite's own */
  fileTransforms?: FileTransform[];
  /** dialect null: each file's own (an existing .snap file's header, else what the file imports) */
  snapshot: { dialect: SnapshotDialect | null; update: SnapshotUpdate; format?: SnapshotFormat };
}

/**
 * Which packages Vitest would inline (`server.deps.inline`, `ssr.noExternal`): `all`, or those whose
 * path has `/node_modules/<name>` in it, or matches one of `patterns` (a RegExp's source and flags).
 */
export interface InlineDeps {
  all: boolean;
  names: string[];
  patterns: { source: string; flags: string }[];
  /** Jest's transformIgnorePatterns: a package file matching none of them is inlined too, as Jest transforms it */
  unlessIgnoredBy?: { source: string; flags: string }[];
}

/** How JSX compiles: React's automatic runtime from `importSource`, or calls of `factory` (classic, a pragma such as Preact's `h`). */
export interface JsxSettings {
  runtime: 'automatic' | 'classic';
  factory?: string;
  fragment?: string;
  importSource?: string;
}

/**
 * A Jest `transform` entry, in the config's order (the first whose pattern matches a file's path
 * takes it): `transformer` is the module's absolute path, unset for a compiler esbuild stands in for.
 */
export interface FileTransform {
  /** a RegExp's source, tested against the absolute path */
  pattern: string;
  transformer?: string;
  /** `[module, options]`: the options, JSON */
  options?: unknown;
}

/** what a manual mock file (in `__mocks__`) may end in */
export const MOCK_FILE_EXTENSIONS: readonly string[] = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** a manual mock of a package: `specifier` as test files import it, `file` the mock's absolute path */
export interface PackageMock {
  specifier: string;
  file: string;
}

/**
 * What every `useFakeTimers()` starts from (the call's own options win), and whether each file
 * starts with fake timers installed (Jest's `enableGlobally`, Jest 27's `timers: 'fake'`).
 */
export interface FakeTimerSettings {
  global: boolean;
  options: Record<string, unknown>;
}

/** pretty-format options of stored snapshots; unset: the engine's defaults (Jest 29+ and Vitest print `{`, not `Object {`) */
export interface SnapshotFormat {
  escapeString?: boolean;
  printBasicPrototype?: boolean;
}

/** what Jest 28 and older wrote: `Object {`, `Array [`, escaped strings */
export const JEST_28_SNAPSHOT_FORMAT: SnapshotFormat = { escapeString: true, printBasicPrototype: true };

export const DEFAULT_COMPAT: CompatSettings = {
  globals: false,
  environment: 'node',
  setupFiles: [],
  snapshotSerializers: [],
  alias: [],
  conditions: [],
  requireCondition: false,
  packageMocks: [],
  mocks: { clear: false, reset: false, restore: false },
  snapshot: { dialect: null, update: 'new' },
};
