import { isDeepStrictEqual } from 'node:util';
import { availableParallelism } from 'node:os';
import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import { ALWAYS_EXCLUDED, type UserConfig } from './options.js';
import type { TypeTests } from './foreign-typecheck.js';

/**
 * What the Jest and Vitest mappings share: the result being built, how a foreign key is named in
 * the `ignored` list, and how globs and paths relative to a foreign root become root-relative.
 */
export interface ForeignConfig {
  config: UserConfig;
  /** keys of the foreign config that have no effect under ptest, as paths: `test.coverage`, `projects[1].testEnvironment` */
  ignored: string[];
  /** keys naming a compiler that esbuild stands in for: `{ key: 'transform["^.+\\.tsx?$"]', compiler: 'ts-jest' }` */
  compiledInstead?: CompiledInstead[];
  /** the Jest presets merged into the config, by name (jest-preset.ts) */
  presets?: string[];
  typeTests?: TypeTests;
  /** the JSX settings are the suite's Vite's default, not the config's: no news to a user of that Vite */
  impliedJsx?: boolean;
}

export interface CompiledInstead {
  key: string;
  compiler: string;
}

export class Mapping {
  readonly config: UserConfig = {};
  readonly ignored: string[] = [];
  /** the foreign keys each setting came from: when projects disagree on it, these are what is ignored */
  readonly sources = new Map<keyof UserConfig, string[]>();

  set<K extends keyof UserConfig>(key: K, value: UserConfig[K], ...sources: string[]): void {
    this.config[key] = value;
    this.sources.set(key, sources);
  }

  unset(key: keyof UserConfig): void {
    delete this.config[key];
    this.sources.delete(key);
  }

  readonly replaced: CompiledInstead[] = [];
  typeTests?: TypeTests;

  ignore(path: string): void {
    if (!this.ignored.includes(path)) this.ignored.push(path);
  }

  /** the key names a compiler whose work esbuild does instead */
  compiledInstead(key: string, compiler: string): void {
    if (!this.replaced.some((r) => r.key === key)) this.replaced.push({ key, compiler });
  }

  result(): ForeignConfig {
    return { config: this.config, ignored: this.ignored, ...(this.replaced.length > 0 ? { compiledInstead: this.replaced } : {}), ...(this.typeTests ? { typeTests: this.typeTests } : {}) };
  }
}

/** `test` + `coverage` → `test.coverage`; a key that is not an identifier is quoted: `moduleNameMapper["^@/(.*)$"]` */
export function keyPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** a value JSON carries unchanged (settings that cross into the workers as JSON, Jest's globals) */
export function isJsonValue(value: unknown): boolean {
  try {
    // (deep equality, not the two texts: a function or a Date in an object would pass that check)
    return value !== undefined && isDeepStrictEqual(JSON.parse(JSON.stringify(value)), value);
  } catch {
    return false;
  }
}

/** a RegExp's source that compiles */
export function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

export function isRegExp(value: unknown): value is RegExp {
  // the config is imported in this realm, but a bundled copy of a RegExp subclass is still one
  return Object.prototype.toString.call(value) === '[object RegExp]';
}

export function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

/** root-relative with forward slashes ('' for the root itself), or undefined when outside the root */
export function insideRoot(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/**
 * A glob written relative to a foreign base directory (`baseRel`, root-relative) as one relative
 * to the root, which is what ptest's include and exclude are. Undefined when it reaches outside.
 */
export function rootGlob(glob: string, baseRel: string, root: string): string | undefined {
  if (isAbsolute(glob)) return insideRoot(root, glob);
  const joined = posix.join(baseRel || '.', glob.replace(/^(\.\/)+/, ''));
  if (joined === '..' || joined.startsWith('../')) return undefined;
  return joined.replace(/^\.\//, '');
}

/** ptest always skips node_modules and .git anywhere, and dist unless `dist` is collected: a glob inside one of them would only be noise */
export function withoutAlwaysExcluded(globs: readonly string[], collectsDist = false): string[] {
  const skipped = collectsDist ? /(?:^|\/)(?:node_modules|\.git)\/\*\*$/ : /(?:^|\/)(?:node_modules|dist|\.git)\/\*\*$/;
  return [...new Set(globs)].filter((glob) => !ALWAYS_EXCLUDED.includes(glob) && !skipped.test(glob));
}

/** Jest and Vitest both take a count or a share of the cores ('50%') */
export function workerCount(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(value.trim());
  if (percent) return Math.max(1, Math.floor((availableParallelism() * Number(percent[1])) / 100));
  return /^\d+$/.test(value.trim()) && Number(value) > 0 ? Number(value) : undefined;
}

/** Both runners read a timeout of 0 as "none"; ptest wants a positive number, so the longest a timer can wait */
export const NO_TIMEOUT_MS = 2_147_483_647;

export function timeoutMs(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
  return value === 0 ? NO_TIMEOUT_MS : Math.ceil(value);
}

const SCRIPT_FILE = /\.[cm]?[jt]sx?$/;

/**
 * A setup file relative to the foreign root made absolute. A bare name without a script extension
 * (`@testing-library/jest-dom`, `jest-extended/all`) is a package as both runners read it: it is
 * kept as written, and resolveOptions resolves it from the root.
 */
export function setupFile(entry: string, base: string): string {
  if (isAbsolute(entry) || entry.startsWith('.') || SCRIPT_FILE.test(entry)) return resolve(base, entry);
  return entry;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Settings each project has for itself: when projects run under one ptest config they must agree. */
const PER_PROJECT: ReadonlyArray<keyof UserConfig> = ['exclude', 'setupFiles', 'snapshotSerializers', 'environment', 'environmentConditions', 'windowNodeGlobals', 'globals', 'globalValues', 'alias', 'timeout'];
/** what ptest applies to each project's own files where projects differ (`projects` rules) */
const APPLIED_PER_PROJECT = ['exclude', 'environment', 'environmentConditions', 'windowNodeGlobals'] as const;
/** what a project never sets for the whole run */
const NOT_MERGED: ReadonlyArray<keyof UserConfig> = ['include', 'root', 'snapshotDialect'];

/**
 * Folds the projects of a config into the one ptest config: their test files are the union of
 * theirs; an exclude or environment that differs between them is kept per project (`projects`);
 * any other setting is taken when every project has the same, and otherwise listed as ignored
 * (where each project got it from). The root's own per-project settings give way to the
 * projects', as in Jest and Vitest, where a project does not inherit them unless told to.
 */
export function mergeProjects(base: Mapping, projects: ReadonlyArray<{ mapping: Mapping }>): void {
  const include = [...new Set(projects.flatMap((p) => p.mapping.config.include ?? []))];
  base.set('include', include, ...projects.flatMap((p) => p.mapping.sources.get('include') ?? []));
  for (const p of projects) for (const path of p.mapping.ignored) base.ignore(path);
  for (const p of projects) for (const { key, compiler } of p.mapping.replaced) base.compiledInstead(key, compiler);

  // each project's own of those settings, where they differ, apply to its own files
  const perProject = APPLIED_PER_PROJECT.filter((key) => new Set(projects.map((p) => JSON.stringify(p.mapping.config[key]))).size > 1);
  if (perProject.length > 0) {
    const rules = projects.map(({ mapping: { config } }) => ({ include: config.include ?? [], ...Object.fromEntries(APPLIED_PER_PROJECT.flatMap((key) => (config[key] ? [[key, config[key]]] : []))) }));
    base.set('projects', rules, ...projects.flatMap((p) => perProject.flatMap((key) => p.mapping.sources.get(key) ?? [])));
  }
  const keys = new Set([...PER_PROJECT, ...projects.flatMap((p) => Object.keys(p.mapping.config) as Array<keyof UserConfig>)]);
  for (const key of keys) {
    if (NOT_MERGED.includes(key) || (perProject as readonly string[]).includes(key)) {
      if (PER_PROJECT.includes(key)) base.unset(key);
      continue;
    }
    const values = projects.map((p) => JSON.stringify(p.mapping.config[key]));
    const setBy = projects.filter((p) => p.mapping.config[key] !== undefined);
    if (values.every((v) => v === values[0])) {
      const first = setBy[0];
      if (first) base.set(key, first.mapping.config[key], ...setBy.flatMap((p) => p.mapping.sources.get(key) ?? []));
      else if (PER_PROJECT.includes(key)) base.unset(key);
      continue;
    }
    for (const p of setBy) for (const path of p.mapping.sources.get(key) ?? []) base.ignore(path);
    if (PER_PROJECT.includes(key)) base.unset(key);
  }
}

/** maps a key, or lists it when its value is not one ptest can take */
export function setOr<K extends keyof UserConfig>(m: Mapping, key: K, value: UserConfig[K] | undefined, path: string): void {
  if (value === undefined) m.ignore(path);
  else m.set(key, value, path);
}

export function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/** a Jest config's `<rootDir>`: its `rootDir` from `base`, else `base` itself */
export const jestRootDir = (config: Record<string, unknown>, base: string): string => resolve(base, stringOr(config.rootDir, '.'));

export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** a count of failures, or true for one; both runners read 0 as "never", which ptest spells false */
export function bailValue(value: unknown): number | boolean | undefined {
  if (value === 0) return false;
  return typeof value === 'boolean' || isCount(value) ? value : undefined;
}

/** Jest's and Vitest's snapshotFormat: the two options that change what is stored; any other is listed as ignored */
export function mapSnapshotFormat(value: unknown, path: string, m: Mapping): void {
  if (!isRecord(value)) return m.ignore(path);
  const format: { escapeString?: boolean; printBasicPrototype?: boolean } = {};
  for (const [k, v] of Object.entries(value)) {
    if ((k === 'escapeString' || k === 'printBasicPrototype') && typeof v === 'boolean') format[k] = v;
    else m.ignore(keyPath(path, k));
  }
  if (Object.keys(format).length > 0) m.set('snapshotFormat', format, path);
}
