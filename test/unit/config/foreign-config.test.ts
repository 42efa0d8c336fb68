import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findForeignConfig, fromJestConfig, fromVitestConfig, loadForeignConfig } from '../../../src/config/foreign-config.js';
import { ignorePatternGlobs, JEST_DEFAULT_TEST_MATCH, LEGACY_TEST_REGEX, testRegexGlobs } from '../../../src/config/foreign-globs.js';
import { NO_TIMEOUT_MS } from '../../../src/config/foreign-shared.js';
import { VITEST_DEFAULT_INCLUDE } from '../../../src/config/foreign-vitest.js';
import { UsageError } from '../../../src/config/usage-error.js';
import { findFiles } from '../../../src/discover/find-files.js';
import { loadConfig } from '../../../src/config/load-config.js';

const REPO = resolve(import.meta.dirname, '../../..');
const ROOT = '/proj';

function project(files: Record<string, string>, withNodeModules = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'ptest-foreign-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  // vitest/config is imported from the project, as it would be from a project that has Vitest
  if (withNodeModules) symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

const vitest = (config: unknown) => fromVitestConfig(config, ROOT);
const jest = (config: unknown) => fromJestConfig(config, ROOT);

describe('fromVitestConfig', () => {
  it.each([
    ['test.include / test.exclude (ptest skips node_modules and .git anyway)', { test: { include: ['src/**/*.test.ts', '!src/**/slow/**'], exclude: ['**/node_modules/**', '**/.git/**', 'e2e/**'] } }, { include: ['src/**/*.test.ts'], exclude: ['src/**/slow/**', 'e2e/**'] }],
    ["Vitest's default include when none is given", {}, { include: VITEST_DEFAULT_INCLUDE }],
    ['test.dir prefixes the globs (not an exclude that matches anywhere)', { test: { dir: 'packages', include: ['**/*.spec.ts'], exclude: ['**/fixtures/**', 'old/**'] } }, { include: ['packages/**/*.spec.ts'], exclude: ['**/fixtures/**', 'packages/old/**'] }],
    ['test.root: setup files and globs are relative to it', { test: { root: 'app', setupFiles: './setup.ts' } }, { include: ['app/**/*.{test,spec}.?(c|m)[jt]s?(x)'], setupFiles: ['/proj/app/setup.ts'] }],
    ['a root outside becomes the root', { root: '../other' }, { root: '/other', include: VITEST_DEFAULT_INCLUDE }],
    ['test.setupFiles (paths resolved, packages kept for the loader)', { test: { setupFiles: ['test/setup.ts', '@testing-library/jest-dom/vitest'] } }, { setupFiles: ['/proj/test/setup.ts', '@testing-library/jest-dom/vitest'] }],
    ['test.testTimeout', { test: { testTimeout: 60_000 } }, { timeout: 60_000 }],
    ['a timeout of 0 is none', { test: { testTimeout: 0 } }, { timeout: NO_TIMEOUT_MS }],
    ['test.globals / test.environment', { test: { globals: true, environment: 'jsdom' } }, { globals: true, environment: 'jsdom' }],
    ['test.pool / test.maxWorkers', { test: { pool: 'threads', maxWorkers: 3 } }, { pool: 'threads', workers: 3 }],
    ['a share of the cores', { test: { maxWorkers: '50%' } }, { workers: Math.max(1, Math.floor(availableParallelism() / 2)) }],
    ['fileParallelism: false is one worker', { test: { maxWorkers: 4, fileParallelism: false } }, { workers: 1 }],
    ['test.retry / test.bail / test.sequence.seed', { test: { retry: 2, bail: 3, sequence: { seed: 42 } } }, { reruns: 2, bail: 3, seed: 42 }],
    ['test.retry as an object', { test: { retry: { count: 3, delay: 100 } } }, { reruns: 3, rerunsDelay: 100 }],
    ['test.update', { test: { update: 'all' } }, { update: true }],
    ['bail: 0 is never', { test: { bail: 0 } }, { bail: false }],
    ['test.isolate: false reuses workers (Vitest isolates each file by default)', { test: { isolate: false } }, { isolate: false }],
    ['a vm pool: threads or forks kept for many files, each file its own modules and globals (isolate does not apply)', { test: { pool: 'vmForks', isolate: false } }, { pool: 'forks', isolate: 'modules' }],
    ["pool: 'vmThreads'", { test: { isolate: true, pool: 'vmThreads' } }, { pool: 'threads', isolate: 'modules' }],
    ["resolve.conditions and ssr.resolve.conditions, joined (zod's source condition)", { resolve: { conditions: ['@self-ref/source'] }, ssr: { resolve: { conditions: ['@self-ref/source', 'dev'] } } }, { conditions: ['@self-ref/source', 'dev'] }],
    ['test.snapshotFormat', { test: { snapshotFormat: { printBasicPrototype: true } } }, { snapshotFormat: { printBasicPrototype: true } }],
    ['test.fakeTimers: what every vi.useFakeTimers() starts from', { test: { fakeTimers: { loopLimit: 5, toFake: ['setTimeout'] } } }, { fakeTimers: { global: false, options: { loopLimit: 5, toFake: ['setTimeout'] } } }],
    ['test.snapshotSerializers: paths from the root, packages as named', { test: { snapshotSerializers: ['./tests/point.ts', 'jest-serializer-html'] } }, { snapshotSerializers: ['/proj/tests/point.ts', 'jest-serializer-html'] }],
    ["test.environmentOptions: the jsdom or happy-dom document's url", { test: { environmentOptions: { jsdom: { url: 'http://localhost/' } } } }, { environmentUrl: 'http://localhost/' }],
    ["test.environmentOptions.jsdom: jsdom's other constructor options", { test: { environmentOptions: { jsdom: { resources: 'usable', html: '<main></main>', userAgent: 'agent/1', pretendToBeVisual: false } } } }, { jsdomOptions: { resources: 'usable', html: '<main></main>', userAgent: 'agent/1', pretendToBeVisual: false } }],
    ["test.environmentOptions.happyDOM: its url where jsdom's gives none", { test: { environmentOptions: { happyDOM: { url: 'http://happy.test/' }, jsdom: { url: 'http://jsdom.test/' } } } }, { environmentUrl: 'http://jsdom.test/' }],
  ])('%s', (_, config, expected) => {
    expect(vitest(config)).toEqual({ config: { include: VITEST_DEFAULT_INCLUDE, snapshotDialect: 'vitest', isolate: true, ...expected }, ignored: [] });
  });

  it.each([
    ['test.hookTimeout unlike the test timeout (ptest has one for both)', { test: { testTimeout: 1000, hookTimeout: 20_000 } }, ['test.hookTimeout']],
    ['an environment ptest does not have', { test: { environment: 'edge-runtime' } }, ['test.environment']],
    ['a pool ptest does not have', { test: { pool: 'typescript' } }, ['test.pool']],
    ["environment options that are not data, or not jsdom's", { test: { environmentOptions: { jsdom: { console: true, resources: {}, storageQuota: '5mb' }, happyDOM: { width: 1024 }, custom: {} } } }, ['test.environmentOptions.jsdom.console', 'test.environmentOptions.jsdom.resources', 'test.environmentOptions.jsdom.storageQuota', 'test.environmentOptions.happyDOM.width', 'test.environmentOptions.custom']],
    ['snapshot settings without a ptest one', { test: { snapshotFormat: { printBasicPrototype: true, indent: 4 }, update: 'none' } }, ['test.snapshotFormat.indent', 'test.update']],
    ['a retry condition and the rest of sequence', { test: { retry: { count: 1, condition: /net/ }, sequence: { shuffle: true, seed: 1 } } }, ['test.retry.condition', 'test.sequence.shuffle']],
    ['coverage, typecheck enabled, an env value that is not a string (mock resets are honoured; typecheck not enabled changes nothing)', { test: { coverage: { provider: 'v8' }, env: { A: '1', B: {} }, restoreMocks: true, typecheck: { enabled: true }, projects: [{ test: { typecheck: { include: ['x'] } } }] } }, ['test.coverage', 'test.env.B', 'test.typecheck']],
    ['plugins that could transform code, a define that is code, resolve options; not server or build', { plugins: [[null, { name: 'react' }]], define: { X: 'a + b' }, resolve: { mainFields: ['browser'] }, ssr: { noExternal: 1, target: 'node' }, server: { port: 1 }, build: {} }, ['plugins', 'define.X', 'resolve.mainFields', 'ssr.target', 'ssr.noExternal']],
    ["test.server's keys but deps.inline", { test: { server: { deps: { inline: ['redux'], external: ['x'], fallbackCJS: true }, sourcemap: 'inline' } } }, ['test.server.deps.external', 'test.server.deps.fallbackCJS', 'test.server.sourcemap']],
    ['wrongly typed values', { test: { include: 'src/*.test.ts', testTimeout: '5s', globals: 'yes', bail: -1 } }, ['test.testTimeout', 'test.globals', 'test.bail']],
  ])('lists what it cannot honour: %s', (_, config, ignored) => {
    expect(vitest(config).ignored).toEqual(ignored);
  });

  it("maps test.server.deps.inline, adding Vite's noExternal as Vitest does (a `*` over the module directory)", () => {
    const inline = vitest({ test: { server: { deps: { inline: ['redux', /^\/lib\//] } } }, resolve: { noExternal: ['@scope/*'] }, ssr: { noExternal: 'solid-js' } }).config.inlineDeps;
    expect(inline).toEqual(['redux', /^\/lib\//, /(\/node_modules\/)@scope\/[\w/]+/, 'solid-js']);
    expect((inline as RegExp[])[2]!.test('/p/node_modules/@scope/ui/index.js')).toBe(true);
    expect(vitest({ test: { server: { deps: { inline: ['redux'] } } }, ssr: { noExternal: true } }).config.inlineDeps).toBe(true);
    expect(vitest({ test: { server: { deps: { inline: true } } } }).config.inlineDeps).toBe(true);
    expect(vitest({ test: { server: { deps: { inline: 'redux' } } } }).ignored).toEqual(['test.server.deps.inline']);
  });

  it('takes globalSetup as one module or a list, from the root; a project\'s own is listed as ignored', () => {
    expect(vitest({ test: { globalSetup: './setup/db.ts' } }).config.globalSetup).toEqual(['/proj/setup/db.ts']);
    expect(vitest({ test: { globalSetup: ['a.ts', 'vitest-pkg/setup'] } }).config.globalSetup).toEqual(['/proj/a.ts', 'vitest-pkg/setup']);
    const withProjects = vitest({ test: { projects: [{ test: { name: 'a', globalSetup: './a.ts' } }] } });
    expect(withProjects.config.globalSetup).toBeUndefined();
    expect(withProjects.ignored).toContain('test.projects[0].test.globalSetup');
  });

  it("takes test.provide's values for inject(), and lists one JSON cannot carry to the workers", () => {
    expect(vitest({ test: { provide: { api: { port: 3000 } } } }).config.provide).toEqual({ api: { port: 3000 } });
    expect(vitest({ test: { provide: { when: new Date(0) } } }).ignored).toEqual(['test.provide']);
  });

  it('maps the mock hygiene keys of both runners', () => {
    expect(vitest({ test: { clearMocks: true, mockReset: true, restoreMocks: false } }).config).toMatchObject({ clearMocks: true, resetMocks: true, restoreMocks: false });
    expect(jest({ clearMocks: true, resetMocks: false, restoreMocks: true }).config).toMatchObject({ clearMocks: true, resetMocks: false, restoreMocks: true });
  });

  it("takes Vite's define as Vitest applies it: a name's JSON value as a global, import.meta.env.X as a variable; code is ignored", () => {
    const { config, ignored } = vitest({
      define: { __VERSION__: '"1.2"', __FLAGS__: { a: 1 }, 'import.meta.env.VITE_URL': '"http://x"', 'process.env.MODE_X': 'true', __CODE__: 'process.env.X', 'window.x': '1', 'import.meta.vitest': 'undefined' },
      test: { env: { A: 'a', N: 2 } },
    });
    expect(config.globalValues).toEqual({ __VERSION__: '1.2', __FLAGS__: { a: 1 } });
    expect(config.env).toEqual({ VITE_URL: 'http://x', MODE_X: 'true', A: 'a', N: '2' });
    expect(ignored).toEqual(['define.__CODE__', 'define["window.x"]']);
  });

  it("takes Vitest's silent: true; its 'passed-only' is listed as ignored", () => {
    expect(vitest({ test: { silent: true } }).config).toMatchObject({ silent: true });
    expect(vitest({ test: { silent: 'passed-only' } }).ignored).toEqual(['test.silent']);
  });

  it('honours a hook timeout equal to the test timeout, or to the default when there is none', () => {
    expect(vitest({ test: { testTimeout: 9000, hookTimeout: 9000 } }).ignored).toEqual([]);
    expect(vitest({ test: { hookTimeout: 5000 } }).ignored).toEqual([]);
    expect(vitest({ test: { hookTimeout: 0, testTimeout: 0 } }).ignored).toEqual([]);
  });

  it('maps both alias forms, test.alias first, keeping a RegExp as its source', () => {
    const { config, ignored } = vitest({
      resolve: { alias: [{ find: '@', replacement: '/proj/src' }, { find: /^~(.*)$/, replacement: '/proj/lib$1' }, { find: /^x$/i, replacement: 'y' }, { find: 'c', replacement: '/c', customResolver: () => null }] },
      test: { alias: [{ find: 'a.b/', replacement: '/ab/' }] },
    });
    expect(config.alias).toEqual([
      { pattern: '^a\\.b(?=/|$)', replacement: '/ab' },
      { pattern: '^@(?=/|$)', replacement: '/proj/src' },
      { pattern: '^~(.*)$', replacement: '/proj/lib$1' },
      { pattern: '^c(?=/|$)', replacement: '/c' },
    ]);
    expect(ignored).toEqual(['resolve.alias[2]', 'resolve.alias[3].customResolver']);
    const at = (specifier: string) => config.alias?.map((a) => specifier.replace(new RegExp(a.pattern), a.replacement));
    expect(at('@/util')?.[1]).toBe('/proj/src/util');
    expect(at('@scope/pkg')?.[1]).toBe('@scope/pkg');
  });

  it('merges object aliases the way Vite does, test.alias winning', () => {
    const { config } = vitest({ resolve: { alias: { '@': '/src', '~': '/lib' } }, test: { alias: { '@': '/test-src' } } });
    expect(config.alias).toEqual([
      { pattern: '^@(?=/|$)', replacement: '/test-src' },
      { pattern: '^~(?=/|$)', replacement: '/lib' },
    ]);
  });

  it('unions the includes of inline projects, keeps their own environments and excludes per project, and takes only the other settings they agree on', () => {
    const { config, ignored } = vitest({
      test: {
        environment: 'node',
        globals: true,
        coverage: {},
        projects: [
          'packages/*',
          { test: { name: 'unit', include: ['src/**/*.test.ts'], environment: 'node', globals: true } },
          { test: { name: 'dom', root: 'web', environment: 'jsdom', globals: true, setupFiles: ['./setup.ts'] } },
          { extends: true, test: { name: 'inherits', include: ['legacy/**/*.test.ts'], environment: 'node' } },
        ],
      },
    });
    expect(config.include).toEqual(['src/**/*.test.ts', 'web/**/*.{test,spec}.?(c|m)[jt]s?(x)', 'legacy/**/*.test.ts']);
    expect(config.globals).toBe(true);
    expect(config.environment).toBeUndefined();
    expect(config.setupFiles).toBeUndefined();
    expect(config.projects).toEqual([
      { include: ['src/**/*.test.ts'], environment: 'node' },
      { include: ['web/**/*.{test,spec}.?(c|m)[jt]s?(x)'], environment: 'jsdom' },
      { include: ['legacy/**/*.test.ts'], environment: 'node' },
    ]);
    expect(ignored).toEqual(['test.coverage', 'test.projects[0]', 'test.projects[2].test.setupFiles']);
  });

  it("takes Vite's JSX settings from esbuild (Vite 7) and oxc (Vite 8), and lists their other keys", () => {
    expect(vitest({ esbuild: { jsx: 'automatic', jsxImportSource: 'preact', target: 'es2020' } })).toMatchObject({ config: { jsx: { runtime: 'automatic', importSource: 'preact' } }, ignored: ['esbuild.target'] });
    expect(vitest({ esbuild: { jsxFactory: 'h', jsxFragment: 'Fragment' } }).config.jsx).toEqual({ runtime: 'classic', factory: 'h', fragment: 'Fragment' });
    expect(vitest({ oxc: { jsx: { runtime: 'classic', pragma: 'h' } } }).config.jsx).toEqual({ runtime: 'classic', factory: 'h' });
    expect(vitest({ oxc: { jsx: { importSource: '@emotion/react' } } }).config.jsx).toEqual({ runtime: 'automatic', importSource: '@emotion/react' });
    expect(vitest({ esbuild: { jsx: 'preserve' } })).toMatchObject({ config: {}, ignored: ['esbuild.jsx'] });
  });

  it("gives a project that extends the file's options its setup files and snapshot serializers, the project's own after them", () => {
    const { config } = vitest({
      test: {
        setupFiles: ['./setup.ts'],
        snapshotSerializers: ['./serializer.ts'],
        projects: [{ extends: true, test: { name: 'unit', environment: 'jsdom', snapshotSerializers: ['./dom-serializer.ts'] } }],
      },
    });
    expect(config.setupFiles).toEqual(['/proj/setup.ts']);
    expect(config.snapshotSerializers).toEqual(['/proj/serializer.ts', '/proj/dom-serializer.ts']);
  });

  it("keeps a project's own exclude for its own files", () => {
    const { config, ignored } = vitest({
      test: { projects: [{ test: { include: ['src/**/*.test.js'], exclude: ['**/*.browser.test.js'] } }, { test: { include: ['other/**/*.test.js'] } }] },
    });
    expect(config.projects).toEqual([{ include: ['src/**/*.test.js'], exclude: ['**/*.browser.test.js'] }, { include: ['other/**/*.test.js'] }]);
    expect(config.exclude).toBeUndefined();
    expect(ignored).toEqual([]);
  });

  it('rejects what is not an object', () => {
    expect(() => vitest([])).toThrow('its default export must be an object (or a function returning one), not an array');
  });
});

describe('fromJestConfig', () => {
  const defaults = { include: JEST_DEFAULT_TEST_MATCH, globals: true, snapshotDialect: 'jest', excludeDist: false, isolate: 'modules', jestGlobalSetup: true, requireCondition: true, environmentUrl: 'http://localhost/', packageMocks: ['__mocks__'] };

  it.each([
    ['nothing but defaults: Jest testMatch, globals', {}, {}],
    ['testMatch with <rootDir>, and a negated glob', { testMatch: ['<rootDir>/src/**/*.test.ts', '!**/fixtures/**'] }, { include: ['src/**/*.test.ts'], exclude: ['**/fixtures/**'] }],
    ['roots: a glob starting with ** is searched for under each', { roots: ['<rootDir>/src', 'lib'], testMatch: ['**/*.spec.js'] }, { include: ['src/**/*.spec.js', 'lib/**/*.spec.js'], packageMocks: ['src/__mocks__', 'lib/__mocks__'] }],
    ['roots with the default testMatch', { roots: ['<rootDir>/src'] }, { include: JEST_DEFAULT_TEST_MATCH.map((g) => `src/${g}`), packageMocks: ['src/__mocks__'] }],
    ['rootDir and testRegex (a Nest project)', { rootDir: 'src', testRegex: '.*\\.spec\\.ts$' }, { include: ['src/**/*.spec.ts'], packageMocks: ['src/__mocks__'] }],
    ['the pre-v22 default testRegex', { testRegex: LEGACY_TEST_REGEX }, {}],
    ['a rootDir outside becomes the root', { rootDir: '..', testMatch: ['<rootDir>/proj/**/*.test.js'] }, { root: '/', include: ['proj/**/*.test.js'] }],
    ['testPathIgnorePatterns', { testPathIgnorePatterns: ['/node_modules/', '<rootDir>/node_modules/', '<rootDir>/build/', '<rootDir>/e2e', '\\.d\\.ts$'] }, { exclude: ['build/**', 'e2e*', 'e2e*/**', '**/*.d.ts'] }],
    ['testPathIgnorePatterns naming dist: kept, since a Jest suite collects dist otherwise', { testPathIgnorePatterns: ['/node_modules/', '/dist/'] }, { exclude: ['**/dist/**'] }],
    ['setupFiles then setupFilesAfterEnv', { setupFilesAfterEnv: ['<rootDir>/after.ts', 'jest-extended/all'], setupFiles: ['./polyfill.js'] }, { setupFiles: ['/proj/polyfill.js', '/proj/after.ts', 'jest-extended/all'] }],
    ['testTimeout, maxWorkers, bail', { testTimeout: 30_000, maxWorkers: '2', bail: true }, { timeout: 30_000, workers: 2, bail: true }],
    ['a testMatch string (Jest 30), bail: 0', { testMatch: '**/*.it.js', bail: 0 }, { include: ['**/*.it.js'], bail: false }],
    ['injectGlobals: false', { injectGlobals: false }, { globals: false }],
    ['silent', { silent: true }, { silent: true }],
    ["testEnvironmentOptions.url (Jest 28+)", { testEnvironmentOptions: { url: 'https://app.test/' } }, { environmentUrl: 'https://app.test/' }],
    ["testEnvironmentOptions: jsdom's constructor options, as Jest's jsdom environment passes them", { testEnvironmentOptions: { html: '<div id="root"></div>', userAgent: 'agent/1' } }, { jsdomOptions: { html: '<div id="root"></div>', userAgent: 'agent/1' } }],
    ['fakeTimers.enableGlobally (Jest 28+): every file starts with fake timers', { fakeTimers: { enableGlobally: true, timerLimit: 50 } }, { fakeTimers: { global: true, options: { timerLimit: 50 } } }],
    ["timers: 'legacy' (Jest 27)", { timers: 'legacy' }, { fakeTimers: { global: true, options: { legacyFakeTimers: true } } }],
    ["timers: 'real' is the default", { timers: 'real' }, {}],
    ['snapshotSerializers: from <rootDir>, packages as named', { snapshotSerializers: ['<rootDir>/tag.js', 'enzyme-to-json/serializer'] }, { snapshotSerializers: ['/proj/tag.js', 'enzyme-to-json/serializer'] }],
    ['snapshotFormat (Jest 29 changed its defaults)', { snapshotFormat: { escapeString: true, printBasicPrototype: true } }, { snapshotFormat: { escapeString: true, printBasicPrototype: true } }],
    ['testURL (Jest 27 and older)', { testURL: 'http://localhost:8080/' }, { environmentUrl: 'http://localhost:8080/' }],
    ['labels, watch settings and default extensions are not worth a mention', { displayName: 'x', verbose: true, moduleFileExtensions: ['ts', 'js', 'json'], moduleDirectories: ['node_modules'] }, {}],
    ["testRunner by name (jasmine2 is Jest 26's default)", { testRunner: 'jest-jasmine2' }, { testRunner: 'jasmine2' }],
    ["testRunner as Create React App resolves it", { testRunner: '/proj/node_modules/jest-circus/runner.js' }, { testRunner: 'circus' }],
    ['globalSetup and globalTeardown, from rootDir, or a package module', { rootDir: 'test', globalSetup: '<rootDir>/setup.js', globalTeardown: '@shelf/jest-mongodb/lib/teardown' }, { globalSetup: '/proj/test/setup.js', globalTeardown: '@shelf/jest-mongodb/lib/teardown', include: JEST_DEFAULT_TEST_MATCH.map((g) => `test/${g}`), packageMocks: ['test/__mocks__'] }],
  ])('%s', (_, config, expected) => {
    expect(jest(config)).toEqual({ config: { ...defaults, ...expected }, ignored: [] });
  });

  it.each([
    ['node', 'node'],
    ['jest-environment-node', 'node'],
    ['jsdom', 'jsdom'],
    ['jest-environment-jsdom', 'jsdom'],
    ['@happy-dom/jest-environment', 'happy-dom'],
  ])('testEnvironment %s → %s', (name, environment) => {
    expect(jest({ testEnvironment: name }).config.environment).toBe(environment);
  });

  it.each([
    ['a custom environment', { testEnvironment: '<rootDir>/env.js' }, ['testEnvironment']],
    ['a testRegex that does not translate: the default testMatch stands in', { testRegex: ['\\d+\\.test\\.js$', '/tests/.*\\.test\\.js$'] }, ['testRegex[0]']],
    ['both testMatch and testRegex', { testMatch: ['**/*.t.js'], testRegex: 'x' }, ['testRegex']],
    ['an ignore pattern that does not translate', { testPathIgnorePatterns: ['/node_modules/', '(?<!x)y'] }, ['testPathIgnorePatterns[1]']],
    ['presets, a transform that names no module, coverage, snapshot options (clearMocks is honoured)', { preset: 'jest-preset-angular', transform: { '\\.css$': 42 }, collectCoverageFrom: ['src/**'], snapshotFormat: { min: true }, clearMocks: true }, ['preset', 'transform["\\\\.css$"]', 'collectCoverageFrom', 'snapshotFormat.min']],
    ["a project's own globalSetup, which Jest would run once per project", { projects: [{ globalSetup: './a.js' }, {}] }, ['projects[0].globalSetup']],
    ['unusual extensions', { moduleFileExtensions: ['ts', 'vue'] }, ['moduleFileExtensions']],
    ['a runner of its own', { testRunner: '<rootDir>/runner.js' }, ['testRunner']],
    ['automock on (off is said by nothing)', { automock: true, projects: [{ automock: false }] }, ['automock']],
    ['testEnvironmentOptions that jsdom does not take as data, and conditions that are no list', { testEnvironmentOptions: { customExportConditions: 'node', url: 42 } }, ['testEnvironmentOptions.customExportConditions', 'testEnvironmentOptions.url']],
    ['a fake-timer option ptest does not know, and a timers value Jest does not either', { fakeTimers: { enableGlobally: true, fakeEverything: true }, timers: 'sometimes' }, ['fakeTimers.fakeEverything', 'timers']],
  ])('lists what it cannot honour: %s', (_, config, ignored) => {
    expect(jest(config).ignored).toEqual(ignored);
  });

  it('names the compilers esbuild replaces instead of listing them as ignored', () => {
    const { ignored, compiledInstead } = jest({
      preset: 'ts-jest/presets/js-with-ts',
      transform: { '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true }], '^.+\\.jsx?$': '/p/node_modules/babel-jest/build/index.js', '^.+\\.svg$': '<rootDir>/svg.js' },
      globals: { 'ts-jest': { tsconfig: 'tsconfig.test.json' } },
    });
    // (keys are named as JSON writes them)
    expect(compiledInstead).toEqual([
      { key: 'preset', compiler: 'ts-jest' },
      { key: 'transform["^.+\\\\.tsx?$"]', compiler: 'ts-jest' },
      { key: 'transform["^.+\\\\.jsx?$"]', compiler: 'babel-jest' },
      { key: 'globals["ts-jest"]', compiler: 'ts-jest' },
    ]);
    expect(ignored).toEqual([]);
  });

  it('takes transformIgnorePatterns, <rootDir> replaced, and lists a value that is no list', () => {
    expect(jest({ transformIgnorePatterns: ['<rootDir>/node_modules/(?!@patternfly)'] }).config.transformIgnorePatterns).toEqual([`${ROOT}/node_modules/(?!@patternfly)`]);
    expect(jest({ transformIgnorePatterns: 'node_modules' }).ignored).toEqual(['transformIgnorePatterns']);
  });

  it("keeps every transform in Jest's order, the compilers' patterns without a module, the others with theirs and their options", () => {
    const { config, ignored } = jest({
      transform: { '\\.[jt]sx?$': 'babel-jest', '\\.css$': 'jest-css-modules-transform', '\\.txt$': ['<rootDir>/file.js', { prefix: 't:' }], '\\.svg$': ['<rootDir>/svg.js', { run: () => 1 }] },
    });
    expect(config.fileTransforms).toEqual([
      { pattern: '\\.[jt]sx?$' },
      { pattern: '\\.css$', transformer: 'jest-css-modules-transform' },
      { pattern: '\\.txt$', transformer: join(ROOT, 'file.js'), options: { prefix: 't:' } },
    ]);
    expect(ignored).toEqual(['transform["\\\\.svg$"]']);
    expect(jest({ transform: { '\\.tsx?$': 'ts-jest' } }).config.fileTransforms).toBeUndefined();
  });

  it("takes globals' JSON values as the variables every file gets, beside a compiler's settings", () => {
    const { config, ignored } = jest({ globals: { __DEV__: true, CONFIG: { api: 'http://localhost' }, 'ts-jest': {}, later: undefined } });
    expect(config.globalValues).toEqual({ __DEV__: true, CONFIG: { api: 'http://localhost' } });
    expect(ignored).toEqual(['globals.later']);
    expect(jest({ globals: { 'ts-jest': {} } }).config.globalValues).toBeUndefined();
  });

  it('takes modulePaths, and moduleDirectories beyond node_modules, as folders for bare imports; an empty list says nothing', () => {
    expect(jest({ modulePaths: ['<rootDir>/src'], moduleDirectories: ['node_modules', 'shared'] }).config.modulePaths).toEqual(['/proj/src', '/proj/shared']);
    const none = jest({ modulePaths: [], moduleDirectories: ['node_modules'] });
    expect([none.config.modulePaths, none.ignored]).toEqual([undefined, []]);
  });

  it('finds the files Jest would with the include and exclude it maps to', async () => {
    const files = ['src/__tests__/a.ts', 'src/b.test.ts', 'src/c.spec.jsx', 'lib/test.js', 'src/helper.ts', 'src/types.d.ts', 'e2e2/d.test.ts', 'dist/e.test.js'];
    const dir = project(Object.fromEntries(files.map((f) => [f, ''])));
    const { config } = fromJestConfig({ testPathIgnorePatterns: ['/node_modules/', '<rootDir>/e2e'] }, dir);
    const found = await findFiles({ root: dir, cwd: dir, include: config.include ?? [], exclude: config.exclude ?? [], paths: [] });
    expect(found).toEqual(['lib/test.js', 'src/__tests__/a.ts', 'src/b.test.ts', 'src/c.spec.jsx']);
  });

  it('makes moduleNameMapper entries replace the whole specifier, as Jest does', () => {
    const { config, ignored } = jest({ moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1', '\\.(css|less)$': 'identity-obj-proxy', '^lodash-es$': ['lodash', 'lodash-es'], '(': 'x' } });
    expect(config.alias).toEqual([
      { pattern: '^@/(.*)$', replacement: '/proj/src/$1' },
      { pattern: '^[\\s\\S]*?(?:\\.(css|less)$)[\\s\\S]*$', replacement: 'identity-obj-proxy' },
      { pattern: '^lodash-es$', replacement: 'lodash' },
    ]);
    expect(ignored).toEqual(['moduleNameMapper["^lodash-es$"][1]', 'moduleNameMapper["("]']);
    const map = (specifier: string) => config.alias?.reduce((s, a) => (new RegExp(a.pattern).test(s) ? s.replace(new RegExp(a.pattern), a.replacement) : s), specifier);
    expect(map('@/util/x')).toBe('/proj/src/util/x');
    expect(map('./styles.module.css')).toBe('identity-obj-proxy');
  });

  it('unions the includes of inline projects and keeps their own environments per project', () => {
    const { config, ignored } = jest({
      projects: ['<rootDir>/packages/*', { displayName: 'a', testMatch: ['<rootDir>/a/**/*.test.js'], testEnvironment: 'node' }, { displayName: 'b', roots: ['<rootDir>/b'], testEnvironment: 'jsdom' }],
    });
    expect(config.include).toEqual(['a/**/*.test.js', ...JEST_DEFAULT_TEST_MATCH.map((g) => `b/${g}`)]);
    expect(config.environment).toBeUndefined();
    expect(config.globals).toBe(true);
    expect(config.projects).toEqual([
      { include: ['a/**/*.test.js'], environment: 'node' },
      { include: JEST_DEFAULT_TEST_MATCH.map((g) => `b/${g}`), environment: 'jsdom' },
    ]);
    expect(ignored).toEqual(['projects[0]']);
  });

  it("runs jest-fixed-jsdom's files in jsdom with its Node globals and without export conditions, over customExportConditions, per project where projects differ", () => {
    const { config, ignored } = jest({ testEnvironment: 'jest-fixed-jsdom', testEnvironmentOptions: { customExportConditions: ['development'] } });
    expect(config.environment).toBe('jsdom');
    expect(config.windowNodeGlobals).toEqual(expect.arrayContaining(['fetch', 'TextEncoder', 'ReadableStream', 'structuredClone', 'URL', 'Blob']));
    expect(config.environmentConditions).toEqual({ node: ['development'], jsdom: [], 'happy-dom': ['development'] });
    expect(ignored).toEqual([]);
    const projects = jest({ projects: [{ testMatch: ['<rootDir>/a/*.test.js'], testEnvironment: 'node' }, { testMatch: ['<rootDir>/b/*.test.js'], testEnvironment: 'jest-fixed-jsdom' }] });
    expect(projects.config.windowNodeGlobals).toBeUndefined();
    expect(projects.config.projects?.[1]).toMatchObject({ include: ['b/*.test.js'], environment: 'jsdom', environmentConditions: { jsdom: [] }, windowNodeGlobals: expect.arrayContaining(['fetch']) });
    expect(projects.ignored).toEqual([]);
  });

  it("takes testEnvironmentOptions.customExportConditions as every environment's export conditions, per project where projects differ", () => {
    const development = { node: ['development'], jsdom: ['development'], 'happy-dom': ['development'] };
    const { config, ignored } = jest({ testEnvironment: 'jsdom', testEnvironmentOptions: { customExportConditions: ['development'], url: 'http://localhost/app' } });
    expect(config).toMatchObject({ environmentConditions: development, environmentUrl: 'http://localhost/app' });
    expect(ignored).toEqual([]);
    const projects = jest({
      projects: [
        { testMatch: ['<rootDir>/a/*.test.js'], testEnvironment: 'jsdom', testEnvironmentOptions: { customExportConditions: ['development'] } },
        { testMatch: ['<rootDir>/b/*.test.js'], testEnvironment: 'jsdom' },
      ],
    }).config;
    expect(projects.environment).toBe('jsdom');
    expect(projects.environmentConditions).toBeUndefined();
    expect(projects.projects).toEqual([
      { include: ['a/*.test.js'], environment: 'jsdom', environmentConditions: development },
      { include: ['b/*.test.js'], environment: 'jsdom' },
    ]);
  });
});

describe('regular expressions as globs', () => {
  it.each([
    ['.*\\.spec\\.ts$', ['**/*.spec.ts']],
    ['^.+\\.test\\.(ts|js)x?$', ['**/*.test.{ts,js}{,x}']],
    ['/tests/.*\\.test\\.js$', ['**/tests/**/*.test.js']],
    ['(?:unit|int)\\.[jt]s$', ['**/*{unit,int}.[jt]s']],
    ['\\.test\\.', ['**/*.test.*']],
    ['^src/', undefined],
    ['\\w+\\.test\\.js$', undefined],
  ])('testRegex %s', (regex, globs) => {
    expect(testRegexGlobs(regex)).toEqual(globs);
  });

  it.each([
    ['/node_modules/', '', ['**/node_modules/**']],
    ['<rootDir>/build/', 'app', ['app/build/**']],
    ['^<rootDir>/.next/', '', ['.next/**']],
    ['/__fixtures__/', '', ['**/__fixtures__/**']],
    ['fixtures', '', ['**/*fixtures*', '**/*fixtures*/**']],
    ['<rootDir>/src/(legacy|old)/', '', ['src/{legacy,old}/**']],
    ['<rootDir>/../outside/', '', undefined],
    ['[^a]', '', undefined],
  ])('testPathIgnorePatterns %s (rootDir %j)', (pattern, rootDirRel, globs) => {
    expect(ignorePatternGlobs(pattern, rootDirRel)).toEqual(globs);
  });
});

describe('findForeignConfig', () => {
  it('takes Vitest configs, then Vite configs with a test key, then Jest configs, then package.json', async () => {
    const dir = project({ 'package.json': '{"name":"x"}' });
    expect(await findForeignConfig(dir)).toBeUndefined();
    const steps: Array<[string, string, 'vitest' | 'jest' | undefined]> = [
      ['package.json', '{"jest":{"testTimeout":1}}', 'jest'],
      ['jest.config.json', '{}', 'jest'],
      ['jest.config.js', 'module.exports = {};', 'jest'],
      ['vite.config.ts', "export default defineConfig({ mode: 'test', define: { __MODE__: 'test' } });", undefined],
      ['vite.config.js', 'const test = { globals: true };\nexport default defineConfig({ plugins: [], test });', 'vitest'],
      ['vite.config.mts', "export default defineConfig({\n  test: { globals: true } });", 'vitest'],
      ['vitest.config.mjs', 'export default {};', 'vitest'],
      ['vitest.config.ts', 'export default {};', 'vitest'],
    ];
    let expected = { kind: 'jest', path: join(dir, 'package.json') };
    for (const [name, text, kind] of steps) {
      writeFileSync(join(dir, name), text);
      if (kind) expected = { kind, path: join(dir, name) };
      expect(await findForeignConfig(dir), name).toEqual(expected);
    }
  });

  it("takes Jest's defaults for a project whose package.json lists jest and no config (not when it lists vitest too: either could be meant)", async () => {
    const dir = project({ 'package.json': '{"devDependencies":{"jest":"^24.9.0"}}' });
    const found = await findForeignConfig(dir);
    expect(found).toEqual({ kind: 'jest', path: join(dir, 'package.json'), defaults: true });
    expect((await loadForeignConfig(found!, dir, join(dir, '.cache'))).config).toMatchObject({ globals: true, snapshotDialect: 'jest' });
    writeFileSync(join(dir, 'package.json'), '{"devDependencies":{"jest":"^29.0.0","vitest":"^4.0.0"}}');
    expect(await findForeignConfig(dir)).toBeUndefined();
    // Jest 20's suites list jest-cli alone
    writeFileSync(join(dir, 'package.json'), '{"devDependencies":{"jest-cli":"^20.0.4"}}');
    expect(await findForeignConfig(dir)).toEqual({ kind: 'jest', path: join(dir, 'package.json'), defaults: true });
  });

  it("takes Vitest's defaults for a project whose package.json lists vitest and no config", async () => {
    const dir = project({ 'package.json': '{"devDependencies":{"vitest":"^4.1.0"}}' });
    const found = await findForeignConfig(dir);
    expect(found).toEqual({ kind: 'vitest', path: join(dir, 'package.json'), defaults: true });
    const { config, ignored } = await loadForeignConfig(found!, dir, join(dir, '.cache'));
    expect(config).toEqual({ include: ['**/*.{test,spec}.?(c|m)[jt]s?(x)'], snapshotDialect: 'vitest', isolate: true });
    expect(ignored).toEqual([]);
  });

  it('looks in the root only', async () => {
    const dir = project({ 'sub/vitest.config.ts': 'export default {};' });
    expect(await findForeignConfig(join(dir, 'sub', '..'))).toBeUndefined();
  });
});

describe('loadForeignConfig', () => {
  const load = async (dir: string) => {
    const found = await findForeignConfig(dir);
    if (!found) throw new Error('no config found');
    return loadForeignConfig(found, dir, join(dir, '.cache'));
  };

  it('loads a vitest.config.ts whose defineConfig is given a function', async () => {
    const dir = project(
      {
        'vitest.config.ts': [
          "import { defineConfig } from 'vitest/config';",
          'export default defineConfig(({ mode, command }) => ({',
          "  resolve: { alias: { '@': new URL('./src', import.meta.url).pathname } },",
          "  test: { environment: mode === 'test' && command === 'serve' ? 'happy-dom' : 'node', setupFiles: ['./setup.ts'], coverage: { provider: 'v8' } },",
          '}));',
        ].join('\n'),
      },
      true,
    );
    expect(await load(dir)).toEqual({
      // (jsx: the project's Vite, this repository's, is Vite 8, whose default runtime is the automatic one)
      config: { include: VITEST_DEFAULT_INCLUDE, environment: 'happy-dom', setupFiles: [join(dir, 'setup.ts')], alias: [{ pattern: '^@(?=/|$)', replacement: join(dir, 'src') }], snapshotDialect: 'vitest', isolate: true, jsx: { runtime: 'automatic' } },
      ignored: ['test.coverage'],
      impliedJsx: true,
    });
    // Vite's own default is not news to its users: the notice names only what a config says
    expect((await loadConfig({ cwd: dir, root: dir }, undefined, join(dir, '.cache'))).notice).toBe('read vitest.config.ts; ignored: test.coverage');
    writeFileSync(join(dir, 'vitest.config.ts'), "export default { oxc: { jsx: { runtime: 'classic', pragma: 'h' } } };");
    expect((await loadConfig({ cwd: dir, root: dir }, undefined, join(dir, '.cache'))).notice).toBe('read vitest.config.ts; JSX compiled as Vite compiles it (classic, h)');
  });

  it("compiles JSX with React's classic runtime under a Vite before 8, as its esbuild did", async () => {
    const dir = project({ 'vitest.config.mjs': 'export default { test: {} };', 'node_modules/vite/package.json': JSON.stringify({ name: 'vite', version: '7.1.0' }) });
    expect((await load(dir)).config.jsx).toBeUndefined();
  });

  it('loads a CommonJS jest.config.js', async () => {
    const dir = project({ 'jest.config.js': "module.exports = { testEnvironment: 'jsdom', setupFilesAfterEnv: ['<rootDir>/setup.js', 'setup-pkg'], collectCoverage: true };" });
    const { config, ignored } = await load(dir);
    expect(config).toMatchObject({ environment: 'jsdom', globals: true, snapshotDialect: 'jest', setupFiles: [join(dir, 'setup.js'), 'setup-pkg'] });
    expect(ignored).toEqual(['collectCoverage']);
  });

  it('loads the "jest" key of package.json', async () => {
    const dir = project({ 'package.json': JSON.stringify({ name: 'x', jest: { testTimeout: 10_000, testMatch: ['**/*.check.js'] } }) });
    expect((await load(dir)).config).toMatchObject({ timeout: 10_000, include: ['**/*.check.js'] });
  });

  it('loads a jest config exported as an async function', async () => {
    const dir = project({ 'jest.config.ts': "export default async (): Promise<object> => ({ maxWorkers: 2, bail: 1 });" });
    expect((await load(dir)).config).toMatchObject({ workers: 2, bail: 1 });
  });

  it('reads a Jest or Vitest config named with --config as that runner\'s, not as a ptest config', async () => {
    const dir = project({ 'config/jest.config.js': "module.exports = { setupFiles: ['<rootDir>/setup.js'] };", 'vitest.config.mjs': 'export default { test: { testTimeout: 7000 } };' });
    const jestConfig = await loadConfig({ cwd: dir, root: dir }, 'config/jest.config.js', join(dir, '.cache'));
    expect(jestConfig.config.setupFiles).toEqual([join(dir, 'setup.js')]);
    expect(jestConfig.notice).toBe('read config/jest.config.js');
    expect((await loadConfig({ cwd: dir, root: dir }, 'vitest.config.mjs', join(dir, '.cache'))).config.timeout).toBe(7000);
  });

  it('says which compilers esbuild stands in for, apart from what it ignores', async () => {
    const dir = project({ 'jest.config.js': "module.exports = { preset: 'ts-jest', transform: { '^.+\\\\.jsx?$': 'babel-jest', '\\\\.svg$': './svg.js' }, collectCoverage: true };" });
    const { notice } = await loadConfig({ cwd: dir, root: dir }, undefined, join(dir, '.cache'));
    expect(notice).toBe('read jest.config.js; esbuild compiles TypeScript and JSX in place of ts-jest (preset) and babel-jest (transform); svg.js transforms files that are not code, as in Jest; ignored: collectCoverage');
  });

  it('counts the type-test files that typecheck.enabled would have Vitest check, as not run', async () => {
    const files = { 'src/a.test-d.ts': '', 'src/b.spec-d.tsx': '', 'src/c.test.ts': '', 'types/d.test-d.ts': '', 'node_modules/e/f.test-d.ts': '' };
    const byDefault = project({ ...files, 'vitest.config.mjs': 'export default { test: { typecheck: { enabled: true } } };' });
    expect((await loadConfig({ cwd: byDefault, root: byDefault }, undefined, join(byDefault, '.cache'))).notice).toBe('read vitest.config.mjs; ignored: test.typecheck (3 type-test files not run: ptest does not type-check)');
    const own = project({ ...files, 'vitest.config.mjs': "export default { test: { dir: 'src', typecheck: { enabled: true, include: ['**/*.test-d.ts'] } } };" });
    expect((await loadConfig({ cwd: own, root: own }, undefined, join(own, '.cache'))).notice).toBe('read vitest.config.mjs; ignored: test.typecheck (1 type-test file not run: ptest does not type-check)');
  });

  it("names the environment a Jest 26 or older suite's config implies by saying none, and none for a later Jest", async () => {
    const jest26 = project({ 'jest.config.js': 'module.exports = {};', 'node_modules/jest/package.json': JSON.stringify({ name: 'jest', version: '26.6.3' }) });
    expect((await loadConfig({ cwd: jest26, root: jest26 }, undefined, join(jest26, '.cache'))).notice).toBe("read jest.config.js; files run in jsdom, Jest 26's default environment");
    const named = project({ 'jest.config.js': "module.exports = { testEnvironment: 'node' };", 'node_modules/jest/package.json': JSON.stringify({ name: 'jest', version: '26.6.3' }) });
    expect((await loadConfig({ cwd: named, root: named }, undefined, join(named, '.cache'))).notice).toBe('read jest.config.js');
    const jest29 = project({ 'jest.config.js': 'module.exports = {};', 'node_modules/jest/package.json': JSON.stringify({ name: 'jest', version: '29.7.0' }) });
    expect((await loadConfig({ cwd: jest29, root: jest29 }, undefined, join(jest29, '.cache'))).notice).toBe('read jest.config.js');
  });

  it("says the Jest 26 default only of the projects that name no environment", async () => {
    const jest26 = { name: 'jest', version: '26.6.3' };
    const server = { testMatch: ['<rootDir>/server/**/*.test.js'], testEnvironment: 'node' };
    const both = project({ 'jest.config.js': `module.exports = { projects: ${JSON.stringify([server, { testMatch: ['<rootDir>/web/**/*.test.js'], testEnvironment: 'jsdom' }])} };`, 'node_modules/jest/package.json': JSON.stringify(jest26) });
    expect((await loadConfig({ cwd: both, root: both }, undefined, join(both, '.cache'))).notice).toBe('read jest.config.js');
    const one = project({ 'jest.config.js': `module.exports = { projects: ${JSON.stringify([server, { testMatch: ['<rootDir>/web/**/*.test.js'] }])} };`, 'node_modules/jest/package.json': JSON.stringify(jest26) });
    expect((await loadConfig({ cwd: one, root: one }, undefined, join(one, '.cache'))).notice).toBe("read jest.config.js; the files of projects naming no environment run in jsdom, Jest 26's default environment");
  });

  it('says in one line which file failed', async () => {
    const bad = project({ 'jest.config.mjs': 'export default 42;' });
    await expect(load(bad)).rejects.toThrow(UsageError);
    await expect(load(bad)).rejects.toThrow(`jest config ${join(bad, 'jest.config.mjs')}: the config must be an object (or a function returning one), not a number`);
    const broken = project({ 'vitest.config.js': 'export default {' });
    await expect(load(broken)).rejects.toThrow(new RegExp(`^vitest config ${broken}/vitest\\.config\\.js: [^\\n]+$`));
    const throwing = project({ 'package.json': '{"jest": 7}' });
    await expect(load(throwing)).rejects.toThrow(`jest config ${join(throwing, 'package.json')} ("jest"): the config must be an object`);
  });
});
