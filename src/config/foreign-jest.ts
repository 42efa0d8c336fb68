import { join, resolve } from 'node:path';
import { moduleNameMapper } from './foreign-alias.js';
import { ignorePatternGlobs } from './foreign-globs.js';
import { rootsOf, testFiles } from './foreign-jest-files.js';
import { mapJestTransform } from './foreign-jest-transform.js';
import { bailValue, type ForeignConfig, insideRoot, isRecord, jestRootDir, mapSnapshotFormat, keyPath, kindOf, Mapping, mergeProjects } from './foreign-shared.js';
import { setOr, setupFile, stringList, timeoutMs, withoutAlwaysExcluded, workerCount } from './foreign-shared.js';
import { mapJestFakeTimers } from './foreign-timers.js';
import { mapJestEnvironmentOptions } from './jsdom-options.js';
import { FIXED_JSDOM, mapFixedJsdom } from './jest-fixed-jsdom.js';

/**
 * A Jest config (jest.config.* or package.json's "jest") as a ptest config. Pure: the caller
 * loads it. Jest names paths from `<rootDir>` (the config's directory unless `rootDir` says
 * otherwise) and finds test files under `roots` that match `testMatch` or `testRegex`.
 */

const ENVIRONMENT_NAMES: Record<string, string> = {
  node: 'node',
  'jest-environment-node': 'node',
  jsdom: 'jsdom',
  'jest-environment-jsdom': 'jsdom',
  'happy-dom': 'happy-dom',
  '@happy-dom/jest-environment': 'happy-dom',
  [FIXED_JSDOM]: 'jsdom',
};

/** labels, watch mode and Jest's own cache: no bearing on what a run does */
const SILENT = new Set(['displayName', 'verbose', 'watchPlugins', 'watchPathIgnorePatterns', 'watchman', 'notify', 'notifyMode', 'cacheDirectory', 'cache', '$schema']);
/**
 * Jest's two runners, by the names its testRunner takes (jest-circus became the default in Jest
 * 27), or by a resolved path, as Create React App writes `require.resolve('jest-circus/runner')`
 */
function jestRunner(value: unknown): 'circus' | 'jasmine2' | undefined {
  if (typeof value !== 'string') return undefined;
  const name = /[\\/]node_modules[\\/](jest-circus|jest-jasmine2)[\\/]/.exec(value)?.[1] ?? value.replace(/\/runner$/, '');
  return name === 'circus' || name === 'jest-circus' ? 'circus' : name === 'jasmine2' || name === 'jest-jasmine2' ? 'jasmine2' : undefined;
}

const RESOLVED_EXTENSIONS = ['js', 'mjs', 'cjs', 'jsx', 'ts', 'tsx', 'mts', 'cts', 'json', 'node'];

interface Context {
  m: Mapping;
  /** where this config sits in the file: '' or `projects[1]` */
  path: string;
  /** ptest's root: globs are made relative to it */
  root: string;
  /** what `rootDir` is relative to, and its default */
  base: string;
  isRoot: boolean;
}

export function fromJestConfig(config: unknown, root: string): ForeignConfig {
  if (!isRecord(config)) throw new Error(`the config must be an object (or a function returning one), not ${kindOf(config)}`);
  const m = new Mapping();
  const rootDir = jestRootDir(config, root);
  // ptest's root stays where the config is unless rootDir lies outside it, where no glob could reach
  const ptestRoot = insideRoot(root, rootDir) === undefined ? rootDir : root;
  if (ptestRoot !== root) m.set('root', rootDir, 'rootDir');
  const projects = mapConfig(config, { m, path: '', root: ptestRoot, base: root, isRoot: true });
  if (projects) mapProjects(projects, { m, path: '', root: ptestRoot, base: rootDir, isRoot: true });
  m.set('snapshotDialect', 'jest');
  m.set('excludeDist', false);
  // Jest requires every package, so a package's CommonJS build is what its tests ran against
  m.set('requireCondition', true);
  // Jest's jsdom document lives at http://localhost/ (Vitest's at :3000) unless the config says
  if (m.config.environmentUrl === undefined) m.set('environmentUrl', 'http://localhost/');
  // Jest gives every test file a module registry and globals of its own, in a worker it reuses
  m.set('isolate', 'modules');
  m.set('jestGlobalSetup', true);
  return m.result();
}

/** Maps one config (the file's, or an inline project's); returns the projects it lists, if any. */
function mapConfig(config: Record<string, unknown>, c: Context): { value: unknown; path: string } | undefined {
  const { m } = c;
  const at = (key: string) => keyPath(c.path, key);
  const rootDir = jestRootDir(config, c.base);
  const rootDirRel = insideRoot(c.root, rootDir);
  const fromRootDir = (value: string) => (value.startsWith('<rootDir>') ? resolve(rootDir, `./${value.slice('<rootDir>'.length)}`) : value);
  let projects: { value: unknown; path: string } | undefined;
  for (const [key, value] of Object.entries(config)) {
    const path = at(key);
    const ignore = () => m.ignore(path);
    switch (key) {
      case 'rootDir':
        if (typeof value !== 'string') ignore();
        break;
      case 'roots':
      case 'testMatch':
      case 'testRegex':
      case 'testPathIgnorePatterns':
      case 'setupFiles':
      case 'setupFilesAfterEnv':
      case 'snapshotSerializers':
        // read below; Jest takes a lone string for these two only
        if (!stringList(value) || (key !== 'testMatch' && key !== 'testRegex' && !Array.isArray(value))) ignore();
        break;
      case 'testTimeout':
        setOr(m, 'timeout', timeoutMs(value), path);
        break;
      case 'testEnvironment':
        setOr(m, 'environment', typeof value === 'string' ? ENVIRONMENT_NAMES[value] : undefined, path);
        break;
      case 'snapshotFormat':
        mapSnapshotFormat(value, path, m);
        break;
      case 'timers':
      case 'fakeTimers':
        mapJestFakeTimers(key, value, path, m);
        break;
      // Jest 28+ reads the document's URL from the options; Jest 27 and older from testURL
      case 'testEnvironmentOptions':
        mapJestEnvironmentOptions(value, path, m);
        break;
      case 'testURL':
        setOr(m, 'environmentUrl', typeof value === 'string' ? value : undefined, path);
        break;
      case 'moduleNameMapper':
        if (isRecord(value)) m.set('alias', moduleNameMapper(value, path, fromRootDir, m), path);
        else ignore();
        break;
      case 'injectGlobals':
        if (typeof value !== 'boolean') ignore();
        break;
      case 'clearMocks':
      case 'resetMocks':
      case 'restoreMocks':
      case 'silent':
        setOr(m, key, typeof value === 'boolean' ? value : undefined, path);
        break;
      case 'maxWorkers':
        setOr(m, 'workers', workerCount(value), path);
        break;
      case 'bail':
        setOr(m, 'bail', bailValue(value), path);
        break;
      case 'automock':
        // off is ptest's only way
        if (value !== false) ignore();
        break;
      case 'globalSetup':
      case 'globalTeardown':
        // a project's own would run once per project: not followed
        if (c.isRoot && typeof value === 'string') m.set(key, setupFile(fromRootDir(value), rootDir), path);
        else ignore();
        break;
      case 'projects':
        if (c.isRoot) projects = { value, path };
        else ignore();
        break;
      case 'moduleFileExtensions':
        if (!stringList(value)?.every((ext) => RESOLVED_EXTENSIONS.includes(ext))) ignore();
        break;
      case 'moduleDirectories':
      case 'modulePaths':
        mapModulePaths(key, value, path, fromRootDir, rootDir, m);
        break;
      case 'testRunner':
        setOr(m, 'testRunner', jestRunner(value), path);
        break;
      case 'transformIgnorePatterns': {
        // (a package file they leave to the transform is bundled: the ES modules among them load as Jest's would)
        const patterns = stringList(value);
        setOr(m, 'transformIgnorePatterns', Array.isArray(value) && patterns ? patterns.map((p) => p.replaceAll('<rootDir>', rootDir)) : undefined, path);
        break;
      }
      case 'preset':
      case 'transform':
      case 'globals':
        mapJestTransform(key, value, path, m, fromRootDir);
        break;
      default:
        if (!SILENT.has(key)) ignore();
    }
  }
  if (config.testEnvironment === FIXED_JSDOM) mapFixedJsdom(m, at('testEnvironment'));
  if (m.config.alias?.length === 0) m.unset('alias');
  // Jest injects its globals unless told not to
  m.set('globals', config.injectGlobals !== false, ...(config.injectGlobals === undefined ? [] : [at('injectGlobals')]));

  const setup = [...listOf(config.setupFiles), ...listOf(config.setupFilesAfterEnv)].map((f) => setupFile(fromRootDir(f), rootDir));
  if (setup.length > 0) m.set('setupFiles', setup, ...['setupFiles', 'setupFilesAfterEnv'].filter((k) => k in config).map(at));
  const serializers = listOf(config.snapshotSerializers).map((f) => setupFile(fromRootDir(f), rootDir));
  if (serializers.length > 0) m.set('snapshotSerializers', serializers, at('snapshotSerializers'));

  if (rootDirRel === undefined) {
    m.ignore(at('rootDir'));
    return projects;
  }
  const roots = rootsOf(config, c, fromRootDir, rootDir, rootDirRel);
  // Jest mocks a package with a file of its name in a root's __mocks__ without being asked
  if (c.isRoot) m.set('packageMocks', roots.map((dir) => join(dir, '__mocks__')), ...('roots' in config ? [at('roots')] : []));
  const { include, exclude } = testFiles(config, c, fromRootDir, rootDirRel, roots);
  m.set('include', include, ...['testMatch', 'testRegex', 'roots'].filter((k) => k in config).map(at));
  for (const [i, pattern] of listOf(config.testPathIgnorePatterns).entries()) {
    const globs = ignorePatternGlobs(pattern, rootDirRel);
    if (globs) exclude.push(...globs);
    else m.ignore(keyPath(at('testPathIgnorePatterns'), i));
  }
  const excluded = withoutAlwaysExcluded(exclude, true);
  if (excluded.length > 0) m.set('exclude', excluded, ...['testMatch', 'testPathIgnorePatterns'].filter((k) => k in config).map(at));
  return projects;
}

function mapProjects(projects: { value: unknown; path: string }, c: Context): void {
  if (!Array.isArray(projects.value)) return c.m.ignore(projects.path);
  const mapped: Array<{ mapping: Mapping }> = [];
  projects.value.forEach((entry, i) => {
    const path = keyPath(projects.path, i);
    // a path or glob names projects with configs of their own, which are not read
    if (!isRecord(entry)) return c.m.ignore(path);
    const m = new Mapping();
    mapConfig(entry, { m, path, root: c.root, base: c.base, isRoot: false });
    mapped.push({ mapping: m });
  });
  if (mapped.length > 0) mergeProjects(c.m, mapped);
}

function listOf(value: unknown): string[] {
  return Array.isArray(value) ? (stringList(value) ?? []) : [];
}

/**
 * Jest's modulePaths (NODE_PATH's folders), and moduleDirectories beyond node_modules, as folders
 * searched for a bare import no node_modules has. Jest looks for a named moduleDirectory (`src`)
 * above each importing file; ptest takes the one in rootDir, which is where suites keep it.
 */
function mapModulePaths(key: 'moduleDirectories' | 'modulePaths', value: unknown, path: string, fromRootDir: (v: string) => string, rootDir: string, m: Mapping): void {
  const list = Array.isArray(value) ? stringList(value) : undefined;
  if (!list) return m.ignore(path);
  const dirs = list.filter((dir) => key === 'modulePaths' || dir !== 'node_modules').map((dir) => resolve(rootDir, fromRootDir(dir)));
  if (dirs.length > 0) m.set('modulePaths', [...new Set([...(m.config.modulePaths ?? []), ...dirs])], ...(m.sources.get('modulePaths') ?? []), path);
}
