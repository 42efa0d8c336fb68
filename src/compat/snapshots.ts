import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { expect as jestExpect } from 'expect';
import { VITEST_SPECIFIERS, type CompatSettings, type SnapshotDialect, type SnapshotUpdate } from '../model/compat.js';
import type { SnapshotTally } from '../model/events.js';
import { acceptJest28SnapshotHeader } from './jest-snapshot-header.js';
import { inlineSiteError } from './inline-call-site.js';
import { perThread } from './per-thread.js';
import { saveMerged, type EngineState, type SnapshotData } from './snapshot-merge.js';
import { useSerializerEngine } from './snapshot-serializers.js';
import type { VitestSnapshots } from './snapshots-vitest.js';

/**
 * Snapshots in each runner's own format, written by its own engine: Jest's (jest-snapshot: header
 * `// Jest Snapshot v1`, names joined by spaces, errors as their message) and Vitest's
 * (@vitest/snapshot: its header, names joined by ` > `, errors as `[Error: message]`). A file's
 * dialect is its existing .snap file's header (never rewritten in the other dialect), else the
 * suite's setting, else what it imports. jest-snapshot, which brings Babel along, is loaded only
 * for a file that takes or has snapshots.
 */
export interface SnapshotCounts {
  added: number;
  updated: number;
  matched: number;
  unmatched: number;
  /** stored snapshots no test asked for (removed under -u) */
  obsolete: string[];
}

/** the counts as the run reports them: under -u the obsolete snapshots were removed */
export function tallyOf(counts: SnapshotCounts, update: SnapshotUpdate): SnapshotTally {
  const { obsolete, ...rest } = counts;
  return { ...rest, obsolete: update === 'all' ? 0 : obsolete.length, removed: update === 'all' ? obsolete.length : 0 };
}

interface Session {
  dialect: SnapshotDialect;
  /** runs one snapshot matcher of the file's engine */
  call(name: string, context: unknown, args: unknown[]): unknown;
  finish(): Promise<SnapshotCounts>;
  /** forget what an earlier attempt of the test matched or wrote, so a retry counts from 1 again */
  clearTest?(name: string): void;
  /** the test did not pass here: its stored snapshots are not obsolete */
  keep(name: string): void;
  /** the keys of stored snapshots no test has asked for (yet) */
  uncheckedKeys(): string[];
}

/** the test name a stored snapshot's key belongs to (`name 1`, or with a hint `name: hint 1` / `name > hint 1`) */
const nameOfKey = (key: string): string => key.replace(/ \d+$/, '');

type Matcher = (this: unknown, ...args: unknown[]) => unknown;
const MATCHERS = ['toMatchSnapshot', 'toMatchInlineSnapshot', 'toThrowErrorMatchingSnapshot', 'toThrowErrorMatchingInlineSnapshot', 'toMatchFileSnapshot'] as const;

const current = perThread('snapshot-session', () => ({ session: undefined as Session | undefined }));
const requireCjs = createRequire(import.meta.url);

export function snapshotDialectOf(file: string, source: string, setting: SnapshotDialect | null): SnapshotDialect {
  const snap = snapshotPathOf(file);
  if (existsSync(snap)) {
    const header = readFileSync(snap, 'utf8').slice(0, 200);
    if (header.includes('Jest Snapshot')) return 'jest';
    if (header.includes('Vitest Snapshot')) return 'vitest';
  }
  if (setting) return setting;
  if (importsVitest(source)) return 'vitest';
  if (/@jest\/globals|\bjest\.\w+\(/.test(source)) return 'jest';
  return 'vitest';
}

const VITEST_IMPORT = new RegExp(`from\\s+['"](?:${VITEST_SPECIFIERS.join('|')})['"]`);

/** the file imports from 'vitest' (or Vite+'s 'vite-plus/test'): it was written for Vitest */
export function importsVitest(source: string): boolean {
  return VITEST_IMPORT.test(source);
}

export function snapshotPathOf(file: string): string {
  return join(dirname(file), '__snapshots__', `${basename(file)}.snap`);
}

/** the name a test's snapshots are keyed by, in the file's dialect */
export function snapshotTestName(titlePath: readonly string[]): string {
  return titlePath.join(current.session?.dialect === 'jest' ? ' ' : ' > ');
}

export async function startSnapshots(file: string, dialect: SnapshotDialect, settings: CompatSettings['snapshot'], root: string): Promise<void> {
  if (dialect === 'vitest') {
    const engine = await import('./snapshots-vitest.js');
    useSerializerEngine(await import('@vitest/snapshot'));
    const vitest: VitestSnapshots = await engine.VitestSnapshots.start(file, settings.update, settings.format);
    const matchers = engine.vitestSnapshotMatchers as Record<string, Matcher>;
    current.session = {
      dialect,
      call: (name, context, args) => matchers[name]!.apply(context, args),
      finish: () => vitest.finish(),
      clearTest: (name) => vitest.clearTest(name),
      keep: (name) => vitest.keep(name),
      uncheckedKeys: () => vitest.uncheckedKeys(),
    };
    return;
  }
  current.session = jestSession(file, settings, root);
}

/**
 * jest-snapshot is loaded (synchronously: it is CommonJS) when the file takes its first snapshot,
 * or at once when the file has a .snap file whose obsolete entries must be found.
 */
function jestSession(file: string, settings: CompatSettings['snapshot'], root: string): Session {
  const path = snapshotPathOf(file);
  let engine: { state: InstanceType<typeof import('jest-snapshot').SnapshotState>; initial: SnapshotData; matchers: Record<string, Matcher> } | undefined;
  const load = () => {
    if (engine) return engine;
    acceptJest28SnapshotHeader();
    const jestSnapshot = requireCjs('jest-snapshot') as typeof import('jest-snapshot');
    useSerializerEngine(jestSnapshot);
    const { SnapshotState, ...matchers } = jestSnapshot;
    const state = new SnapshotState(path, { updateSnapshot: settings.update, rootDir: root, snapshotFormat: { escapeString: false, printBasicPrototype: false, ...settings.format }, prettierPath: null });
    const initial = { ...(state as unknown as EngineState)._snapshotData };
    return (engine = { state, initial, matchers: matchers as unknown as Record<string, Matcher> });
  };
  if (existsSync(path)) load();
  // Jest's runner puts the file's snapshot state in expect's state, and matchers of the suite's own
  // that hand `this` to jest-snapshot's read it there (console-testing-library's toMatchInlineSnapshot):
  // a stand-in that loads the engine only when such a matcher touches it
  const standIn = new Proxy({}, {
    get: (_, key) => {
      const { state } = load();
      const value: unknown = Reflect.get(state, key);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(state) : value;
    },
    set: (_, key, value) => Reflect.set(load().state, key, value),
  });
  setJestSnapshotState(standIn, file);
  return {
    dialect: 'jest',
    // jest-snapshot reads its state from the matcher context: the expect context, plus the state
    // (and, for an inline snapshot, an error whose stack says where to write it)
    call: (name, context, args) => {
      const { state, matchers } = load();
      if (!matchers[name]) throw new Error(`${name} is Vitest's, and this file's snapshots are Jest's (its .snap file, or its imports, say so)`);
      const site = name.includes('Inline') ? { error: inlineSiteError((context as { error?: Error }).error?.stack) } : {};
      return matchers[name]!.apply(Object.assign(Object.create(context as object) as object, { snapshotState: state, testPath: file, ...site }), args);
    },
    keep: (name) => engine?.state.markSnapshotsAsCheckedForTest(name),
    uncheckedKeys: () => engine?.state.getUncheckedKeys() ?? [],
    finish: async () => {
      setJestSnapshotState(undefined, undefined);
      if (!engine) return { added: 0, updated: 0, matched: 0, unmatched: 0, obsolete: [] };
      const { state, initial } = engine;
      const obsolete = [...state.getUncheckedKeys()];
      if (settings.update === 'all') state.removeUncheckedKeys();
      await saveMerged(file, path, state as unknown as EngineState, initial, () => state.save());
      return { added: state.added, updated: state.updated, matched: state.matched, unmatched: state.unmatched, obsolete };
    },
  };
}

/**
 * A custom matcher may take an inline snapshot with jest-snapshot's own matcher
 * (`toMatchInlineSnapshot.call(this, ...)`, as Jest documents): its context gets an `error` whose
 * stack is the test's call, read only if jest-snapshot asks, as it does for `.resolves`. (Wrapped
 * when the thread starts, before any file records expect to put it back afterwards.)
 */
function siteForCustomMatchers(): true {
  const extend = jestExpect.extend.bind(jestExpect);
  jestExpect.extend = (matchers) => {
    const sited = Object.fromEntries(
      Object.entries(matchers).map(([name, matcher]) => [
        name,
        function (this: { error?: Error }, ...args: unknown[]) {
          if (this.error === undefined) {
            Object.defineProperty(this, 'error', {
              get: () => inlineSiteError(),
              // (ptest's own snapshot matchers are extensions too, and give their own)
              set(this: object, value: unknown) {
                Object.defineProperty(this, 'error', { value, writable: true, enumerable: true, configurable: true });
              },
              configurable: true,
            });
          }
          return (matcher as (...a: unknown[]) => unknown).apply(this, args);
        },
      ]),
    );
    extend(sited as typeof matchers);
  };
  return true;
}

perThread('custom-matcher-sites', siteForCustomMatchers);

/** expect's own type of its state does not list what Jest's runner adds to it */
function setJestSnapshotState(snapshotState: object | undefined, testPath: string | undefined): void {
  jestExpect.setState({ snapshotState, testPath } as unknown as Parameters<typeof jestExpect.setState>[0]);
}

/** before each attempt of a test (see Session.clearTest) */
export function clearSnapshotTest(titlePath: readonly string[]): void {
  current.session?.clearTest?.(snapshotTestName(titlePath));
}

/**
 * A test that did not pass here (skipped, failed, filtered out, another unit's): as in Jest, its
 * stored snapshots are not obsolete, so `-u` keeps them.
 */
export function keepSnapshotsOf(titlePath: readonly string[]): void {
  current.session?.keep(snapshotTestName(titlePath));
}

/** `complete`: the file was collected and its tests ran (else nothing stored is obsolete) */
export async function finishSnapshots(complete: boolean): Promise<SnapshotCounts | undefined> {
  const session = current.session;
  current.session = undefined;
  if (!complete) for (const key of session?.uncheckedKeys() ?? []) session!.keep(nameOfKey(key));
  return session?.finish();
}

/** One set of snapshot matchers on `expect`, each answering in the running file's dialect. */
jestExpect.extend(
  Object.fromEntries(
    MATCHERS.map((name) => [
      name,
      function (this: unknown, ...args: unknown[]) {
        if (!current.session) throw new Error(`${name}: snapshots are only available while a test file runs`);
        return current.session.call(name, this, args);
      },
    ]),
  ) as Parameters<typeof jestExpect.extend>[0],
);
