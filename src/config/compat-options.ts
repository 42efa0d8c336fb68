import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { ENVIRONMENTS, JEST_28_SNAPSHOT_FORMAT, type CompatSettings, type EnvironmentName, type FileTransform, type InlineDeps, type JsxSettings, type SnapshotDialect } from '../model/compat.js';
import type { UserConfig } from './options.js';
import { isJsonValue, isRegExp, isValidRegExp } from './foreign-shared.js';
import { parseJsdomOptions } from './jsdom-options.js';
import { environmentConditionsOf } from './environment-conditions.js';
import { listPackageMocks } from './package-mocks.js';
import { installedJestMajor, installedVitestMajor } from './installed-runner.js';
import { UsageError } from './usage-error.js';

/**
 * The Jest/Vitest part of the settings, validated once. Snapshots: `-u` rewrites mismatches; on CI
 * (`CI` set and not 'false', as both runners decide it) a missing snapshot fails instead of being
 * written, so a forgotten snapshot cannot pass a build.
 */
export function resolveCompat(merged: UserConfig, root: string, env: NodeJS.ProcessEnv): CompatSettings {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  const dialect = parseDialect(merged.snapshotDialect);
  const jestMajor = dialect === 'vitest' ? Infinity : (installedJestMajor(root) ?? Infinity);
  // a suite still on Jest 28 or older stored `Object {` and escaped strings, and says so in no config
  const format = merged.snapshotFormat ?? (jestMajor <= 28 ? JEST_28_SNAPSHOT_FORMAT : undefined);
  // Jest 26 and older run a file in jsdom when the config names no environment
  const environment = merged.environment ?? (dialect === 'jest' && jestMajor <= 26 ? 'jsdom' : 'node');
  // Jest 28 and later resolve `exports` and `imports` with the environment's conditions
  const suiteJest = dialect === 'jest' ? jestMajor : undefined;
  return {
    globals: merged.globals === true,
    environment: parseEnvironment(environment),
    ...projectEnvironmentsOf(merged.projects, suiteJest),
    setupFiles: (merged.setupFiles ?? []).map((file) => resolveModule('setupFiles', file, root)),
    snapshotSerializers: (merged.snapshotSerializers ?? []).map((file) => resolveModule('snapshotSerializers', file, root)),
    alias: merged.alias ?? [],
    conditions: [...new Set([...(merged.conditions ?? []), ...viteModeCondition(dialect, env)])],
    ...environmentConditionsOf(merged.environmentConditions, suiteJest),
    requireCondition: merged.requireCondition === true,
    ...(parseBoolean('esModuleInterop', merged.esModuleInterop) === false ? { esModuleInterop: false as const } : {}),
    ...inlineDepsOf(merged),
    packageMocks: folders('packageMocks', merged.packageMocks).flatMap((dir) => listPackageMocks(resolve(root, dir))),
    ...(merged.environmentUrl === undefined ? {} : { environmentUrl: parseUrl(merged.environmentUrl) }),
    ...(merged.jsdomOptions === undefined ? {} : { jsdomOptions: parseJsdomOptions(merged.jsdomOptions) }),
    ...(merged.windowNodeGlobals === undefined ? {} : { windowNodeGlobals: names('windowNodeGlobals', merged.windowNodeGlobals) }),
    ...(merged.globalValues === undefined ? {} : { globalValues: parseGlobalValues(merged.globalValues) }),
    ...(merged.env === undefined ? {} : { env: parseEnv(merged.env) }),
    ...(merged.modulePaths?.length ? { modulePaths: folders('modulePaths', merged.modulePaths).map((dir) => resolve(root, dir)) } : {}),
    ...(merged.fakeTimers ? { fakeTimers: merged.fakeTimers } : {}),
    ...(merged.jsx === undefined ? {} : { jsx: parseJsx(merged.jsx) }),
    ...(merged.fileTransforms?.some((t) => t.transformer !== undefined) ? { fileTransforms: parseFileTransforms(merged.fileTransforms, root) } : {}),
    ...(Number.isFinite(jestMajor) ? { jestMajor } : {}),
    ...vitestMajorOf(dialect, root),
    ...(parseTestRunner(merged.testRunner, dialect === 'jest' && jestMajor <= 26) === 'jasmine2' ? { jasmine2: true as const } : {}),
    mocks: { clear: merged.clearMocks === true, reset: merged.resetMocks === true, restore: merged.restoreMocks === true },
    snapshot: { dialect, update: merged.update === true ? 'all' : ci ? 'none' : 'new', ...(format ? { format } : {}) },
  };
}

/** Vite resolves every import with `development` (or `production`, when NODE_ENV says so), whatever the config's own conditions: Vitest's suites run on it */
function viteModeCondition(dialect: SnapshotDialect | null, env: NodeJS.ProcessEnv): string[] {
  if (dialect !== 'vitest') return [];
  return [env.NODE_ENV === 'production' ? 'production' : 'development'];
}

/** a list of strings, or a one-line error naming the key and what the list holds */
function strings(key: string, value: unknown, what: string): string[] {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw new UsageError(`${key}: expected a list of ${what}, got ${JSON.stringify(value)}`);
}

const names = (key: string, value: unknown): string[] => strings(key, value, "names, like ['fetch', 'TextEncoder']");

const folders = (key: string, value: unknown): string[] => (value === undefined ? [] : strings(key, value, "folders, like ['__mocks__']"));

/** Vitest's server.deps.inline, and the package files Jest's transformIgnorePatterns leave to be transformed */
function inlineDepsOf(merged: UserConfig): { inlineDeps?: InlineDeps } {
  const ignored = merged.transformIgnorePatterns;
  if (merged.inlineDeps === undefined && ignored === undefined) return {};
  const deps = merged.inlineDeps === undefined ? { all: false, names: [], patterns: [] } : parseInlineDeps(merged.inlineDeps);
  if (ignored === undefined) return { inlineDeps: deps };
  if (!Array.isArray(ignored) || !ignored.every((p) => typeof p === 'string' && isValidRegExp(p))) {
    throw new UsageError(`transformIgnorePatterns: expected a list of regular expressions, got ${JSON.stringify(ignored)}`);
  }
  return { inlineDeps: { ...deps, unlessIgnoredBy: ignored.map((source) => ({ source, flags: '' })) } };
}

function parseInlineDeps(value: unknown): InlineDeps {
  if (value === true) return { all: true, names: [], patterns: [] };
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' || isRegExp(v))) {
    throw new UsageError(`inlineDeps: expected true or a list of package names and regular expressions, got ${JSON.stringify(value)}`);
  }
  const names = value.filter((v): v is string => typeof v === 'string');
  // a RegExp crosses into the workers as its source and flags
  const patterns = value.filter(isRegExp).map(({ source, flags }) => ({ source, flags }));
  return { all: false, names, patterns };
}

/** Jest 26 and older ran tests on jasmine2 unless told to use circus; Jest 27 made circus the default */
function parseTestRunner(value: unknown, jestUpTo26: boolean): 'circus' | 'jasmine2' {
  if (value === undefined) return jestUpTo26 ? 'jasmine2' : 'circus';
  if (value === 'circus' || value === 'jasmine2') return value;
  throw new UsageError(`testRunner: expected 'circus' or 'jasmine2', got ${JSON.stringify(value)}`);
}

function parseJsx(value: unknown): JsxSettings {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const names = ['factory', 'fragment', 'importSource'] as const;
  if ((v.runtime !== 'automatic' && v.runtime !== 'classic') || names.some((k) => v[k] !== undefined && typeof v[k] !== 'string')) {
    throw new UsageError(`jsx: expected { runtime: 'automatic', importSource? } or { runtime: 'classic', factory?, fragment? }, got ${JSON.stringify(value)}`);
  }
  return { runtime: v.runtime, ...Object.fromEntries(names.filter((k) => v[k] !== undefined).map((k) => [k, v[k]])) };
}

function projectEnvironmentsOf(projects: UserConfig['projects'], suiteJest: number | undefined): Pick<CompatSettings, 'projectEnvironments'> {
  const own = (projects ?? []).flatMap(({ include, exclude = [], environment, environmentConditions, windowNodeGlobals }) => {
    if (environment === undefined && environmentConditions === undefined && windowNodeGlobals === undefined) return [];
    const conditions = environmentConditions === undefined ? {} : environmentConditionsOf(environmentConditions, suiteJest);
    const globals = windowNodeGlobals === undefined ? {} : { windowNodeGlobals: names('windowNodeGlobals', windowNodeGlobals) };
    return [{ include, exclude, ...(environment === undefined ? {} : { environment: parseEnvironment(environment) }), ...conditions, ...globals }];
  });
  return own.length > 0 ? { projectEnvironments: own } : {};
}

function parseEnvironment(value: string): EnvironmentName {
  const name = value === 'jest-environment-jsdom' ? 'jsdom' : value === 'jest-environment-node' ? 'node' : value;
  if ((ENVIRONMENTS as readonly string[]).includes(name)) return name as EnvironmentName;
  throw new UsageError(`environment: unknown environment '${value}' (choose ${ENVIRONMENTS.join(', ')})`);
}

function parseGlobalValues(value: unknown): Record<string, unknown> {
  // they cross into the workers as JSON: what JSON cannot carry is refused here, not changed there
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && isJsonValue(value)) return value as Record<string, unknown>;
  throw new UsageError(`globalValues: expected an object of JSON values, like { __DEV__: true }, got ${String(value)}`);
}

function parseEnv(value: unknown): Record<string, string> {
  if (typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string')) return value as Record<string, string>;
  throw new UsageError(`env: expected an object of strings, like { API_URL: 'http://localhost' }, got ${JSON.stringify(value)}`);
}

function parseUrl(value: string): string {
  if (URL.canParse(value)) return value;
  throw new UsageError(`environmentUrl: not a URL: '${value}'`);
}

function parseDialect(value: string | undefined): SnapshotDialect | null {
  if (value === undefined) return null;
  if (value === 'jest' || value === 'vitest') return value;
  throw new UsageError(`snapshotDialect: unknown dialect '${value}' (choose jest, vitest)`);
}

/** the suite's Vitest, whose major decides how `vi`'s mocks reset; none for a Jest suite */
function vitestMajorOf(dialect: SnapshotDialect | null, root: string): { vitestMajor?: number } {
  const major = dialect === 'jest' ? undefined : installedVitestMajor(root);
  return major === undefined ? {} : { vitestMajor: major };
}

/** each pattern a RegExp, each transformer a module found from the root */
function parseFileTransforms(transforms: NonNullable<UserConfig['fileTransforms']>, root: string): FileTransform[] {
  return transforms.map(({ pattern, transformer, options }) => {
    if (!isValidRegExp(pattern)) throw new UsageError(`fileTransforms: ${JSON.stringify(pattern)} is not a regular expression`);
    return { pattern, ...(transformer === undefined ? {} : { transformer: resolveModule("fileTransforms (Jest's transform)", transformer, root) }), ...(options === undefined ? {} : { options }) };
  });
}

/** a path (absolute or from the root) or a package, as both runners accept */
/** a path from the root, or a package's module (`jest-extended/all`), as both runners take setup modules */
export function resolveModule(key: string, file: string, root: string): string {
  const path = isAbsolute(file) ? file : resolve(root, file);
  if (existsSync(path)) return path;
  if (!file.startsWith('.')) {
    try {
      return createRequire(join(root, 'package.json')).resolve(file);
    } catch {
      // reported below, as a missing file
    }
  }
  throw new UsageError(`${key}: no such file or package: ${file}`);
}

function parseBoolean(key: string, value: unknown): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw new UsageError(`${key}: expected true or false, got ${JSON.stringify(value)}`);
}
