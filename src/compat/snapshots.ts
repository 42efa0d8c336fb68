import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { expect as jestExpect } from 'expect';
import type { CompatSettings, SnapshotDialect } from '../model/compat.js';
import { perThread } from './per-thread.js';
import type { VitestSnapshots } from './snapshots-vitest.js';

/**
 * Snapshots in each runner's own format, written by its own engine: Jest's (jest-snapshot: header
 * `// Jest Snapshot v1`, names joined by spaces, errors as their message) and Vitest's
 * (@vitest/snapshot: its header, names joined by ` > `, errors as `[Error: message]`). A file's
 * dialect is its existing .snap file's header (never rewritten in the other dialect), else the
 * suite's setting, else what it imports. Each engine is loaded by the first file that needs it:
 * most files take no snapshot, and jest-snapshot brings Babel along.
 */
export interface SnapshotCounts {
  added: number;
  updated: number;
  matched: number;
  unmatched: number;
  /** stored snapshots no test asked for (removed under -u) */
  obsolete: string[];
}

interface Session {
  dialect: SnapshotDialect;
  finish(): Promise<SnapshotCounts>;
  /** forget what an earlier attempt of the test matched or wrote, so a retry counts from 1 again */
  clearTest?(name: string): void;
}

type Matcher = (this: unknown, ...args: unknown[]) => unknown;
const MATCHERS = ['toMatchSnapshot', 'toMatchInlineSnapshot', 'toThrowErrorMatchingSnapshot', 'toThrowErrorMatchingInlineSnapshot'] as const;

const current = perThread('snapshot-session', () => ({ session: undefined as Session | undefined, matchers: undefined as Record<string, Matcher> | undefined }));

export function snapshotDialectOf(file: string, source: string, setting: SnapshotDialect | null): SnapshotDialect {
  const snap = snapshotPathOf(file);
  if (existsSync(snap)) {
    const header = readFileSync(snap, 'utf8').slice(0, 200);
    if (header.includes('Jest Snapshot')) return 'jest';
    if (header.includes('Vitest Snapshot')) return 'vitest';
  }
  if (setting) return setting;
  if (/from\s+['"]vitest['"]/.test(source)) return 'vitest';
  if (/@jest\/globals|\bjest\.\w+\(/.test(source)) return 'jest';
  return 'vitest';
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
    const vitest: VitestSnapshots = await engine.VitestSnapshots.start(file, settings.update);
    current.matchers = engine.vitestSnapshotMatchers as Record<string, Matcher>;
    current.session = { dialect, finish: () => vitest.finish(), clearTest: (name) => vitest.clearTest(name) };
    return;
  }
  const { SnapshotState, ...jestSnapshot } = await import('jest-snapshot');
  current.matchers = jestSnapshot as unknown as Record<string, Matcher>;
  const state = new SnapshotState(snapshotPathOf(file), { updateSnapshot: settings.update, rootDir: root, snapshotFormat: { escapeString: false, printBasicPrototype: false }, prettierPath: null });
  jestExpect.setState({ snapshotState: state, testPath: file } as Record<string, unknown>);
  current.session = {
    dialect,
    finish: async () => {
      const obsolete = [...state.getUncheckedKeys()];
      if (settings.update === 'all') state.removeUncheckedKeys();
      state.save();
      jestExpect.setState({ snapshotState: undefined } as Record<string, unknown>);
      return { added: state.added, updated: state.updated, matched: state.matched, unmatched: state.unmatched, obsolete };
    },
  };
}

/** before each attempt of a test (see Session.clearTest) */
export function clearSnapshotTest(titlePath: readonly string[]): void {
  current.session?.clearTest?.(snapshotTestName(titlePath));
}

export async function finishSnapshots(): Promise<SnapshotCounts | undefined> {
  const session = current.session;
  current.session = undefined;
  return session?.finish();
}

/** One set of snapshot matchers on `expect`, each answering in the running file's dialect. */
jestExpect.extend(
  Object.fromEntries(
    MATCHERS.map((name) => [
      name,
      function (this: unknown, ...args: unknown[]) {
        const matcher = current.session && current.matchers?.[name];
        if (!matcher) throw new Error(`${name}: snapshots are only available while a test file runs`);
        return matcher.apply(this, args);
      },
    ]),
  ) as Parameters<typeof jestExpect.extend>[0],
);
