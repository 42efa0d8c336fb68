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
}

export type TestFn = (context: TestContext) => unknown;
export type HookFn = () => unknown;
export type Mark = 'none' | 'skip' | 'only' | 'todo';

export interface Hook {
  fn: HookFn;
  timeoutMs: number | undefined;
}

export interface RuntimeTest {
  kind: 'test';
  name: string;
  fn: TestFn | undefined;
  mark: Mark;
  timeoutMs: number | undefined;
  parent: RuntimeSuite;
  /** captured at registration: where a timed-out test is reported */
  site: Error;
}

export interface RuntimeSuite {
  kind: 'suite';
  name: string;
  mark: Mark;
  parent: RuntimeSuite | undefined;
  children: (RuntimeSuite | RuntimeTest)[];
  hooks: Record<HookKind, Hook[]>;
}

export function newSuite(name: string, mark: Mark, parent: RuntimeSuite | undefined): RuntimeSuite {
  return {
    kind: 'suite',
    name,
    mark,
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
