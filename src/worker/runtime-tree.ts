import type { HookKind } from '../model/protocol.js';

/**
 * The live tree a file builds while it is imported: like model/task-tree but holding the
 * functions. It never leaves the worker; `toFileNode` (collect.ts) makes the serialisable copy.
 */
export interface TestContext {
  /** 0-based worker slot (stable for the whole run) */
  workerId: number;
  /** 0 on the first try */
  attempt: number;
  /** aborts when the test times out */
  signal: AbortSignal;
  /** this worker's private directory (PTEST_SANDBOX), seeded with `sandbox.copy` */
  sandbox: string;
  /** a fresh, empty directory for this attempt of this test alone (made when first read) */
  readonly tmpdir: string;
  /** Vitest's context `expect`, for concurrent tests */
  expect: typeof import('../compat/expect.js').expect;
  /** Vitest's `task`: the test's name */
  task: { name: string };
  /** Vitest's: the test is skipped from here on (its afterEach hooks still run); with a condition (Vitest 3.1), only when it holds */
  skip(note?: string): never;
  skip(condition: boolean, note?: string): void;
  /** Vitest's: run after the test (and its afterEach hooks), whatever its outcome; an error fails it */
  onTestFinished(fn: () => unknown): void;
  /** Vitest's: run after the test when it failed */
  onTestFailed(fn: () => unknown): void;
}

export type TestFn = (context: TestContext) => unknown;
export type HookFn = () => unknown;
export type Mark = 'none' | 'skip' | 'only' | 'todo';

export interface Hook {
  fn: HookFn;
  timeoutMs: number | undefined;
}

/** how a test runs: beside its concurrent neighbours, or expected to fail (`test.fails`) */
export interface TestFlags {
  concurrent?: boolean;
  fails?: boolean;
}

/** how a describe block runs: `concurrent` for all its tests; `serial` stops at its first failure */
export interface SuiteFlags {
  concurrent?: boolean;
  serial?: boolean;
}

export interface RuntimeTest {
  kind: 'test';
  name: string;
  fn: TestFn | undefined;
  mark: Mark;
  flags: TestFlags;
  timeoutMs: number | undefined;
  parent: RuntimeSuite;
  /** captured at registration: where a timed-out test is reported */
  site: Error;
}

export interface RuntimeSuite {
  kind: 'suite';
  name: string;
  mark: Mark;
  flags: SuiteFlags;
  parent: RuntimeSuite | undefined;
  children: (RuntimeSuite | RuntimeTest)[];
  hooks: Record<HookKind, Hook[]>;
}

export function newSuite(name: string, mark: Mark, parent: RuntimeSuite | undefined, flags: SuiteFlags = {}): RuntimeSuite {
  return {
    kind: 'suite',
    name,
    mark,
    // a concurrent block's nested blocks are concurrent too, as in Vitest; a serial block's are
    // serial, so a failure in one skips the rest of the group, as in Playwright
    flags: { ...flags, concurrent: flags.concurrent ?? parent?.flags.concurrent, ...(flags.serial || parent?.flags.serial ? { serial: true } : {}) },
    parent,
    children: [],
    hooks: { beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] },
  };
}

/** describe names from the file root down to (and including) `suite`; the root has no name */
export function suitePath(suite: RuntimeSuite | undefined): string[] {
  const names: string[] = [];
  for (let s = suite; s?.parent; s = s.parent) names.unshift(s.name);
  return names;
}

export function titlePathOf(test: RuntimeTest): string[] {
  return [...suitePath(test.parent), test.name];
}

/** every test under the suite, in order */
export function testsIn(suite: RuntimeSuite): RuntimeTest[] {
  return suite.children.flatMap((child) => (child.kind === 'suite' ? testsIn(child) : [child]));
}
