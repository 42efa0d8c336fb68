import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { DIST_MODES, type DistMode } from '../plan/create-planner.js';
import type { CompatSettings } from '../model/compat.js';
import { resolveCompat } from './compat-options.js';
import type { RerunSettings } from '../model/reruns.js';
import { parseGlobalHooks, type GlobalHooks } from './global-hooks-options.js';
import { positiveInt, wholeNumber } from './numbers.js';
import { parseQuarantineOptions, type QuarantineOptions } from './quarantine-options.js';
import { parseQueueOptions, type QueueOptions } from './queue-options.js';
import type { UserConfig } from './user-config.js';
import { parseShard, type ShardSpec } from './shard-option.js';
import { UsageError } from './usage-error.js';

/**
 * The settings of one run, merged from defaults, the config file and the command line (flags
 * win), and validated here once: everything past this point can trust them.
 */
export const REPORTER_NAMES = ['default', 'json', 'junit', 'markdown', 'html', 'blob', 'github'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

/** where the workers run: threads of one host process (fast) or a child process each (process.chdir(), a process of their own) */
export const POOL_KINDS = ['threads', 'forks'] as const;
export type PoolKind = (typeof POOL_KINDS)[number];

export interface ReporterSpec {
  name: ReporterName;
  path?: string;
}

export interface Options {
  /** absolute; test ids are relative to it */
  root: string;
  workers: number;
  pool: PoolKind;
  dist: DistMode;
  grep: string | null;
  timeoutMs: number;
  reporters: ReporterSpec[];
  /** stop after this many failures; 0 = never */
  bail: number;
  include: string[];
  exclude: string[];
  /** a project's files are its include less its exclude (set when the suite's projects differ in their excludes) */
  projects: { include: string[]; exclude: string[] }[] | null;
  /** positional paths, directories or globs, as typed (relative to cwd) */
  paths: string[];
  /** absolute path of the duration/outcome history, or null for --no-history */
  history: string | null;
  /** heap limit of each worker thread in MB; null = Node's default */
  maxWorkerMemoryMb: number | null;
  /** replace a thread between files when its heap is above this many MB; null = never */
  workerIdleMemoryMb: number | null;
  /** which worker sandboxes outlive the run */
  keepSandbox: KeepSandbox;
  /** root-relative paths seeded into every worker's sandbox */
  sandboxCopy: string[];
  /** absolute path of the per-worker setup module, or null */
  setupWorker: string | null;
  /** the per-run setup and teardown modules */
  globalSetup: GlobalHooks;
  reruns: RerunSettings;
  /** a flaky test fails the run */
  failOnFlaky: boolean;
  quarantine: QuarantineOptions;
  /** run every test this many times (1 = once) */
  repeat: number;
  /** the --repeat shuffle's seed; null = a new one each run */
  seed: number | null;
  /** run only this shard of the suite */
  shard: ShardSpec | null;
  /** absolute path of a plan written by `ptest plan --shards n --out`, replayed by --shard */
  planFile: string | null;
  /** run only the tests that failed in the last run (as the history has it) */
  lastFailed: boolean;
  /** what keeps one file's state from the next: a fresh worker, a fresh module registry, or nothing (--isolate) */
  isolate: IsolateMode;
  /** what the suite takes over from Jest or Vitest */
  compat: CompatSettings;
  /** one job of a build whose jobs share a Redis queue (`--queue`), or null */
  queue: QueueOptions | null;
  /** what test files write to stdout and stderr is dropped (--silent) */
  silent: boolean;
  /** test files under a `dist` folder are not collected (all but Jest configs) */
  excludeDist: boolean;
}

export type { UserConfig } from './user-config.js';

export const DEFAULT_INCLUDE = ['**/*.{test,spec}.{ts,tsx,mts,cts,js,mjs,cjs}'];
/** never test files: dependencies, build output, and Vitest's type tests (checked by tsc, not run) */
export const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**', '**/*.{test,spec}-d.*'];
/** build output, skipped as Vitest's defaultExclude skips it, unless a Jest config is read (Jest ignores node_modules alone) */
export const DIST_EXCLUDED = '**/dist/**';
export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_HISTORY = '.ptest/history.json';

export function resolveOptions(layers: readonly UserConfig[], paths: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Options {
  const merged: UserConfig = Object.assign({}, ...layers.map(withoutUndefined));
  const root = resolve(cwd, merged.root ?? '.');
  const isolate = parseIsolate(merged.isolate);
  return {
    root,
    workers: parseWorkers(merged.workers ?? 'auto'),
    pool: parsePool(merged.pool ?? 'threads'),
    dist: parseDist(merged.dist ?? 'steal'),
    grep: parseGrep(merged.grep),
    timeoutMs: positiveInt(merged.timeout ?? DEFAULT_TIMEOUT_MS, '--timeout'),
    reporters: (merged.reporters?.length ? merged.reporters : ['default']).map(parseReporter),
    bail: parseBail(merged.bail),
    include: merged.include?.length ? merged.include : DEFAULT_INCLUDE,
    exclude: merged.exclude ?? [],
    projects: merged.projects?.map(({ include, exclude = [] }) => ({ include, exclude })) ?? null,
    paths: [...paths],
    history: merged.history === false ? null : resolve(root, merged.history ?? DEFAULT_HISTORY),
    maxWorkerMemoryMb: merged.maxWorkerMemory === undefined ? null : positiveInt(merged.maxWorkerMemory, '--max-worker-memory'),
    // Under 'modules' every file's packages stay in memory (Node never unloads the ES module bundle
    // that holds them), so a thread is replaced once it has grown this much
    workerIdleMemoryMb: merged.workerIdleMemory === undefined ? (isolate === 'modules' ? MODULES_IDLE_MEMORY_MB : null) : positiveInt(merged.workerIdleMemory, '--worker-idle-memory'),
    keepSandbox: parseKeepSandbox(merged.keepSandbox),
    sandboxCopy: parseSandboxCopy(merged.sandbox?.copy, root),
    setupWorker: parseModule(merged.setupWorker, 'setupWorker', root),
    globalSetup: parseGlobalHooks(merged, root),
    reruns: {
      count: merged.reruns === undefined ? 0 : wholeNumber(merged.reruns, '--reruns'),
      delayMs: merged.rerunsDelay === undefined ? 0 : wholeNumber(merged.rerunsDelay, '--reruns-delay'),
      isolated: merged.rerunIsolated === true,
    },
    failOnFlaky: merged.failOnFlaky === true,
    quarantine: parseQuarantineOptions(merged, root),
    repeat: merged.repeat === undefined ? 1 : positiveInt(merged.repeat, '--repeat'),
    seed: merged.seed === undefined ? null : wholeNumber(merged.seed, '--seed'),
    shard: merged.shard === undefined ? null : parseShard(String(merged.shard), env),
    planFile: parsePlanFile(merged.plan, merged.shard, cwd),
    lastFailed: merged.lastFailed === true,
    isolate,
    compat: resolveCompat(merged, root, env),
    queue: parseQueueOptions(merged, env),
    silent: merged.silent === true,
    excludeDist: merged.excludeDist !== false,
  };
}

/**
 * 'worker': a fresh worker thread (or process) per file, as Vitest isolates. 'modules': the worker
 * is reused, and each file gets fresh CommonJS packages and its globals undone, as Jest isolates.
 * 'none': the worker is reused and only the file's own modules are fresh.
 */
export type IsolateMode = 'worker' | 'modules' | 'none';
export const ISOLATE_MODES: readonly string[] = ['worker', 'modules', 'none'];
/** --worker-idle-memory's default under --isolate modules */
export const MODULES_IDLE_MEMORY_MB = 512;

function parseIsolate(value: boolean | string | undefined): IsolateMode {
  if (value === undefined || value === false) return 'none';
  if (value === true) return 'worker';
  if (ISOLATE_MODES.includes(value)) return value as IsolateMode;
  throw new UsageError(`isolate: expected true, false, 'worker', 'modules' or 'none', got ${JSON.stringify(value)}`);
}

function parseWorkers(value: number | string): number {
  if (value === 'auto') return availableParallelism();
  return positiveInt(value, '-n/--workers', `a whole number or 'auto'`);
}

function parsePool(value: string): PoolKind {
  if ((POOL_KINDS as readonly string[]).includes(value)) return value as PoolKind;
  throw new UsageError(`--pool: unknown pool '${value}' (choose ${POOL_KINDS.join(', ')})`);
}

function parseDist(value: string): DistMode {
  if ((DIST_MODES as readonly string[]).includes(value)) return value as DistMode;
  throw new UsageError(`--dist: unknown mode '${value}' (choose ${DIST_MODES.join(', ')})`);
}

function parseGrep(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  try {
    new RegExp(value);
  } catch (error) {
    throw new UsageError(`-t/--grep: '${value}' is not a valid regular expression: ${(error as Error).message}`);
  }
  return value;
}

function parseReporter(spec: string): ReporterSpec {
  const colon = spec.indexOf(':');
  const name = colon === -1 ? spec : spec.slice(0, colon);
  const path = colon === -1 ? undefined : spec.slice(colon + 1);
  if (!(REPORTER_NAMES as readonly string[]).includes(name)) {
    throw new UsageError(`--reporter: unknown reporter '${name}' (available: ${REPORTER_NAMES.join(', ')})`);
  }
  return path ? { name: name as ReporterName, path } : { name: name as ReporterName };
}

export const KEEP_SANDBOX = ['never', 'always', 'failed'] as const;
export type KeepSandbox = (typeof KEEP_SANDBOX)[number];

function parseKeepSandbox(value: boolean | string | undefined): KeepSandbox {
  if (value === undefined || value === false) return 'never';
  if (value === true) return 'always';
  if ((KEEP_SANDBOX as readonly string[]).includes(value)) return value as KeepSandbox;
  throw new UsageError(`--keep-sandbox: unknown choice '${value}' (choose ${KEEP_SANDBOX.join(', ')})`);
}

/** Seed paths must exist under the root: a typo found now, not as a missing file in every worker. */
function parseSandboxCopy(paths: unknown, root: string): string[] {
  if (paths === undefined) return [];
  if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string')) throw new UsageError('sandbox.copy: expected a list of paths');
  return paths.map((path: string) => {
    const abs = resolve(root, path);
    const rel = relative(root, abs);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new UsageError(`sandbox.copy: '${path}' is not inside the root ${root}`);
    if (!existsSync(abs)) throw new UsageError(`sandbox.copy: no such file or directory: ${path}`);
    return rel.split(sep).join('/');
  });
}

function parseModule(path: unknown, key: string, root: string): string | null {
  if (path === undefined) return null;
  if (typeof path !== 'string') throw new UsageError(`${key}: expected a path to a module`);
  const abs = resolve(root, path);
  if (!existsSync(abs)) throw new UsageError(`${key}: no such file: ${path}`);
  return abs;
}

/** a plan only says which shard runs what: without --shard it would mean nothing */
function parsePlanFile(path: string | undefined, shard: string | undefined, cwd: string): string | null {
  if (path === undefined) return null;
  if (shard === undefined) throw new UsageError(`--plan ${path}: a plan is replayed one shard at a time: add --shard i/n`);
  const abs = resolve(cwd, path);
  if (!existsSync(abs)) throw new UsageError(`--plan: no such file: ${path}`);
  return abs;
}

function parseBail(value: number | string | boolean | undefined): number {
  if (value === undefined || value === false) return 0;
  if (value === true) return 1;
  return positiveInt(value, '--bail');
}

function withoutUndefined(config: UserConfig): UserConfig {
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined)) as UserConfig;
}
