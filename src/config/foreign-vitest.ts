import { resolve } from 'node:path';
import { ENVIRONMENTS } from '../model/compat.js';
import { DEFAULT_TIMEOUT_MS } from './options.js';
import { type ForeignConfig, insideRoot, bailValue, isCount, isJsonValue, isRecord, mapSnapshotFormat, keyPath, kindOf, Mapping, mergeProjects, rootGlob, setOr, setupFile, stringList, stringOr, timeoutMs, withoutAlwaysExcluded, workerCount } from './foreign-shared.js';
import { mapVitestFakeTimers } from './foreign-timers.js';
import { mapVitestEnvironmentOptions } from './jsdom-options.js';
import { mapRetry, mapVitestPool } from './foreign-vitest-pool.js';
import { viteAliases } from './foreign-alias.js';
import { mapTypecheck } from './foreign-typecheck.js';
import { globList } from './foreign-vitest-globs.js';
import { mapInlineDeps, type NoExternal } from './foreign-vitest-inline.js';
import { mapTestEnv, mapViteCodeKey, VITE_CODE_KEYS } from './foreign-vite-define.js';

/**
 * A Vitest config (or a Vite config's `test` key) as a ptest config. Pure: the caller loads the
 * config; paths come out absolute or root-relative, so nothing here depends on the current directory.
 */

/** Vitest 4's default include; its default exclude (node_modules, .git) is skipped by ptest anyway */
export const VITEST_DEFAULT_INCLUDE = ['**/*.{test,spec}.?(c|m)[jt]s?(x)'];

/** Vite settings for serving, building and logging: no bearing on how tests run, so listing them would be noise */
const SILENT_VITE = new Set(['server', 'build', 'preview', 'base', 'publicDir', 'clearScreen', 'logLevel', 'customLogger', 'appType', 'cacheDir', 'optimizeDeps', 'css', 'worker', 'html']);
/** the test keys a mapper of their own takes whole */
const KEY_MAPPERS: Record<string, (value: unknown, path: string, m: Mapping) => void> = {
  snapshotFormat: mapSnapshotFormat,
  fakeTimers: mapVitestFakeTimers,
  environmentOptions: mapVitestEnvironmentOptions,
  retry: mapRetry,
  env: mapTestEnv,
};
/** Vitest settings for watch mode, its UI and labels */
const SILENT_TEST = new Set(['name', 'watch', 'ui', 'open', 'api', 'forceRerunTriggers', 'watchTriggerPatterns', 'logHeapUsage', 'slowTestThreshold']);

interface Context {
  m: Mapping;
  /** where this config sits in the file: '' or `test.projects[2]` */
  path: string;
  /** Vitest's root for this config: setup files and `dir` are relative to it */
  vroot: string;
  /** ptest's root: globs are made relative to it */
  root: string;
  isRoot: boolean;
}

export function fromVitestConfig(config: unknown, root: string): ForeignConfig {
  if (!isRecord(config)) throw new Error(`its default export must be an object (or a function returning one), not ${kindOf(config)}`);
  const m = new Mapping();
  const test = isRecord(config.test) ? config.test : {};
  const vroot = resolve(root, stringOr(test.root, stringOr(config.root, '.')));
  // ptest's root stays where the config is unless Vitest's lies outside it, where no glob could reach
  const ptestRoot = insideRoot(root, vroot) === undefined ? vroot : root;
  if (ptestRoot !== root) m.set('root', vroot, typeof test.root === 'string' ? 'test.root' : 'root');
  const projects = mapConfig(config, { m, path: '', vroot, root: ptestRoot, isRoot: true });
  if (projects) mapProjects(projects, { m, path: '', vroot, root: ptestRoot, isRoot: true });
  m.set('snapshotDialect', 'vitest');
  // Vitest runs each file in a fresh worker unless told not to: a suite may rely on it
  if (m.config.isolate === undefined) m.set('isolate', true);
  return m.result();
}

/** Maps one config (the file's, or an inline project's); returns the projects it lists, if any. */
function mapConfig(top: Record<string, unknown>, c: Context): { value: unknown; path: string } | undefined {
  const { m } = c;
  let resolveAlias: unknown;
  const noExternal: NoExternal[] = [];
  for (const [key, value] of Object.entries(top)) {
    const path = keyPath(c.path, key);
    if (key === 'test') {
      if (!isRecord(value)) m.ignore(path);
    } else if (key === 'root' || (key === 'extends' && !c.isRoot)) {
      // read by the caller: only a value it cannot use is worth a mention (`extends: './base.ts'`)
      if (typeof value !== (key === 'root' ? 'string' : 'boolean')) m.ignore(path);
    } else if ((key === 'resolve' || key === 'ssr') && isRecord(value)) {
      // Vitest resolves with resolve.conditions in jsdom files and ssr.resolve.conditions in node ones: ptest takes both
      const [from, at] = key === 'ssr' ? [isRecord(value.resolve) ? value.resolve : {}, keyPath(path, 'resolve')] : [value, path];
      for (const [k, v] of Object.entries(from)) {
        if (k === 'alias' && key === 'resolve') resolveAlias = v;
        else if (k === 'noExternal' && key === 'resolve') noExternal.push({ value: v, path: keyPath(at, k) });
        else if (k === 'conditions' && stringList(v)) m.set('conditions', [...new Set([...(m.config.conditions ?? []), ...(stringList(v) ?? [])])], keyPath(at, k));
        else m.ignore(keyPath(at, k));
      }
      if (key === 'ssr') {
        for (const [k, v] of Object.entries(value)) {
          if (k === 'noExternal') noExternal.push({ value: v, path: keyPath(path, k) });
          else if (k !== 'resolve') m.ignore(keyPath(path, k));
        }
      }
    } else if (VITE_CODE_KEYS.has(key)) {
      mapViteCodeKey(key, value, path, m);
    } else if (key === 'plugins') {
      // a plugin may transform code the tests rely on (JSX runtimes, virtual modules): say it is not applied
      if (Array.isArray(value) && value.flat(Infinity).some(Boolean)) m.ignore(path);
    } else if (!SILENT_VITE.has(key)) {
      m.ignore(path);
    }
  }

  const test = isRecord(top.test) ? top.test : {};
  const testPath = keyPath(c.path, 'test');
  const dir = resolve(c.vroot, stringOr(test.dir, '.'));
  let prefix = insideRoot(c.root, dir);
  if (prefix === undefined) {
    m.ignore(keyPath(testPath, 'dir'));
    prefix = insideRoot(c.root, c.vroot) ?? '';
  }
  let include: string[] | undefined;
  const exclude: string[] = [];
  let testAlias: unknown;
  let projects: { value: unknown; path: string } | undefined;
  for (const [key, value] of Object.entries(test)) {
    const path = keyPath(testPath, key);
    const ignore = () => m.ignore(path);
    switch (key) {
      case 'root':
      case 'dir':
        if (typeof value !== 'string') ignore();
        break;
      case 'include': {
        const globs = globList(value, path, prefix, c);
        include = globs?.positive;
        exclude.push(...(globs?.negative ?? []));
        break;
      }
      case 'exclude':
        exclude.push(...(globList(value, path, prefix, c, true)?.positive ?? []));
        break;
      case 'setupFiles':
      case 'snapshotSerializers':
      case 'globalSetup': {
        const files = stringList(value);
        // a project's own globalSetup would run once per project: not followed
        if (files && (key !== 'globalSetup' || c.isRoot)) m.set(key, files.map((f) => setupFile(f, c.vroot)), path);
        else ignore();
        break;
      }
      case 'testTimeout':
        setOr(m, 'timeout', timeoutMs(value), path);
        break;
      case 'clearMocks':
      case 'restoreMocks':
      case 'silent':
      case 'globals':
        setOr(m, key, typeof value === 'boolean' ? value : undefined, path);
        break;
      case 'mockReset':
        setOr(m, 'resetMocks', typeof value === 'boolean' ? value : undefined, path);
        break;
      case 'environment':
        setOr(m, 'environment', (ENVIRONMENTS as readonly unknown[]).includes(value) ? (value as string) : undefined, path);
        break;
      case 'alias':
        testAlias = value;
        break;
      // (server: with Vite's noExternal, below)
      case 'hookTimeout':
      case 'pool':
      case 'isolate':
      case 'server':
        break;
      case 'maxWorkers':
        setOr(m, 'workers', workerCount(value), path);
        break;
      case 'fileParallelism':
        if (typeof value !== 'boolean') ignore();
        break;
      case 'bail':
        setOr(m, 'bail', bailValue(value), path);
        break;
      case 'sequence':
        if (!isRecord(value)) {
          ignore();
          break;
        }
        // shuffle, concurrent, hooks order: ptest has no such settings; the seed is --seed's
        for (const [k, v] of Object.entries(value)) setOr(m, 'seed', k === 'seed' && isCount(v) ? v : undefined, keyPath(path, k));
        break;
      case 'update':
        // 'new' is what ptest does anyway; 'none' (never write) has no ptest setting yet
        if (value === true || value === 'all') m.set('update', true, path);
        else if (value === false) m.set('update', false, path);
        else if (value !== 'new') ignore();
        break;
      case 'provide':
        setOr(m, 'provide', isRecord(value) && isJsonValue(value) ? value : undefined, path);
        break;
      case 'typecheck':
        mapTypecheck(value, path, m, (include) => globList(include, keyPath(path, 'include'), prefix, c)?.positive);
        break;
      case 'projects':
      case 'workspace':
        if (c.isRoot && !projects) projects = { value, path };
        else ignore();
        break;
      default:
        if (Object.hasOwn(KEY_MAPPERS, key)) KEY_MAPPERS[key]!(value, path, m);
        else if (!SILENT_TEST.has(key)) ignore();
    }
  }

  const defaultInclude = VITEST_DEFAULT_INCLUDE.map((glob) => rootGlob(glob, prefix, c.root) ?? glob);
  m.set('include', include ?? defaultInclude, ...(include ? [keyPath(testPath, 'include')] : []));
  const excluded = withoutAlwaysExcluded(exclude);
  if (excluded.length > 0) m.set('exclude', excluded, keyPath(testPath, 'exclude'));
  const resolveAliasPath = keyPath(keyPath(c.path, 'resolve'), 'alias');
  const testAliasPath = keyPath(testPath, 'alias');
  const alias = viteAliases(resolveAlias, resolveAliasPath, testAlias, testAliasPath, m);
  const aliasSources = [resolveAlias === undefined ? [] : [resolveAliasPath], testAlias === undefined ? [] : [testAliasPath]].flat();
  if (alias.length > 0) m.set('alias', alias, ...aliasSources);
  mapInlineDeps(test.server, keyPath(testPath, 'server'), noExternal, m);
  mapVitestPool(test, testPath, m);
  if (test.fileParallelism === false) m.set('workers', 1, keyPath(testPath, 'fileParallelism'));
  // ptest has one timeout for tests and hooks: a hook timeout is honoured only when it is that one
  if ('hookTimeout' in test && timeoutMs(test.hookTimeout) !== (m.config.timeout ?? DEFAULT_TIMEOUT_MS)) m.ignore(keyPath(testPath, 'hookTimeout'));
  return projects;
}

function mapProjects(projects: { value: unknown; path: string }, c: Context): void {
  if (!Array.isArray(projects.value)) return c.m.ignore(projects.path);
  const mapped: Array<{ mapping: Mapping }> = [];
  projects.value.forEach((entry, i) => {
    const path = keyPath(projects.path, i);
    // a glob or path names projects with configs of their own, which are not read
    if (!isRecord(entry)) return c.m.ignore(path);
    const own = isRecord(entry.test) ? entry.test : {};
    const vroot = resolve(c.vroot, stringOr(own.root, stringOr(entry.root, '.')));
    const m = new Mapping();
    mapConfig(entry, { m, path, vroot, root: c.root, isRoot: false });
    if (entry.extends === true) inherit(m, c.m, own);
    mapped.push({ mapping: m });
  });
  if (mapped.length > 0) mergeProjects(c.m, mapped);
}

/**
 * `extends: true`: the project starts from the file's own test options, merged the way Vite
 * merges configs (lists joined, the project's values winning otherwise).
 */
function inherit(project: Mapping, parent: Mapping, own: Record<string, unknown>): void {
  for (const key of ['setupFiles', 'snapshotSerializers', 'alias', 'exclude'] as const) {
    const merged = [...(parent.config[key] ?? []), ...(project.config[key] ?? [])];
    if (merged.length > 0) project.set(key, merged as never, ...(parent.sources.get(key) ?? []), ...(project.sources.get(key) ?? []));
  }
  if (own.include === undefined && parent.sources.has('include')) project.set('include', parent.config.include, ...(parent.sources.get('include') ?? []));
  for (const key of ['environment', 'globals', 'timeout'] as const) {
    if (project.config[key] === undefined && parent.config[key] !== undefined) project.set(key, parent.config[key] as never, ...(parent.sources.get(key) ?? []));
  }
}
