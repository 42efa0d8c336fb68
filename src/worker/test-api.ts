import type { HookKind } from '../model/protocol.js';
import { currentCollector } from './collector.js';
import { casesOf } from './each.js';
import type { HookFn, Mark, SuiteFlags, TestContext, TestFlags, TestFn } from './runtime-tree.js';

/**
 * The registration API users import from 'ptest' (or 'vitest', '@jest/globals'): describe / it /
 * test and the hooks, with the modifiers of Jest and Vitest (`.skip .only .todo .each .for
 * .concurrent .fails .skipIf .runIf`, `describe.serial`). Registration only: nothing runs here.
 */
type EachFn<F> = (table: readonly unknown[], ...template: unknown[]) => (name: string, fn: F, timeoutMs?: number) => void;

export interface TestApi {
  (name: string, fn?: TestFn, timeoutMs?: number): void;
  skip: TestApi;
  only: TestApi;
  concurrent: TestApi;
  sequential: TestApi;
  fails: TestApi;
  /** Jest's name for `fails` */
  failing: TestApi;
  todo: (name: string) => void;
  each: EachFn<(...args: any[]) => unknown>;
  /** Vitest's: each row passed whole, then the test's context */
  for: EachFn<(row: any, context: TestContext) => unknown>;
  skipIf: (condition: unknown) => TestApi;
  runIf: (condition: unknown) => TestApi;
}

export interface DescribeApi {
  (name: string, body: () => void): void;
  skip: DescribeApi;
  only: DescribeApi;
  concurrent: DescribeApi;
  sequential: DescribeApi;
  /** tests in order on one worker, the rest skipped after the first failure */
  serial: DescribeApi;
  each: EachFn<(...args: any[]) => void>;
  /** Vitest's: each row passed whole */
  for: EachFn<(row: any) => void>;
  skipIf: (condition: unknown) => DescribeApi;
  runIf: (condition: unknown) => DescribeApi;
}

interface Variant<F> {
  mark: Mark;
  flags: F;
  api: string;
}

function makeTest(v: Variant<TestFlags>): TestApi {
  const register = (name: string, fn?: TestFn, timeoutMs?: number): void =>
    currentCollector(v.api).addTest(titleOf(name), fn, fn ? v.mark : 'todo', timeoutMs, v.flags);
  const each: TestApi['each'] =
    (table, ...template) =>
    (name, fn, timeoutMs) => {
      const collector = currentCollector(v.api);
      for (const c of casesOf(table, template, name, collector.eachTitles)) {
        // a row function with a parameter beyond the row's values takes Jest's `done`; Vitest calls
        // it with the row's values alone (quasar's short rows leave the last parameter undefined)
        const row = fn.length > c.args.length && collector.eachTitles === 'jest' ? (done: unknown) => fn(...c.args, done) : () => fn(...c.args);
        collector.addTest(c.name, row, v.mark, timeoutMs, v.flags);
      }
    };
  const forEach: TestApi['for'] =
    (table, ...template) =>
    (name, fn, timeoutMs) => {
      const collector = currentCollector(v.api);
      // named by Vitest's rules whatever the file's dialect: `.for` is Vitest's alone
      for (const c of casesOf(table, template, name, 'vitest')) collector.addTest(c.name, (context) => fn(c.row, context), v.mark, timeoutMs, v.flags);
    };
  const variant = (change: Partial<Variant<TestFlags>>, suffix: string) => () =>
    makeTest({ mark: change.mark ?? v.mark, flags: { ...v.flags, ...change.flags }, api: `${v.api}.${suffix}` });
  const api = Object.assign(register, {
    each,
    for: forEach,
    todo: (name: string) => currentCollector(v.api).addTest(titleOf(name), undefined, 'todo', undefined),
    skipIf: (condition: unknown) => (condition ? variant({ mark: 'skip' }, 'skipIf')() : api),
    runIf: (condition: unknown) => (condition ? api : variant({ mark: 'skip' }, 'runIf')()),
  }) as TestApi;
  // made on first use: each modifier returns a fresh API, and chains (`it.concurrent.skip.each`) nest
  lazy(api, 'skip', variant({ mark: 'skip' }, 'skip'));
  lazy(api, 'only', variant({ mark: v.mark === 'skip' ? 'skip' : 'only' }, 'only'));
  lazy(api, 'concurrent', variant({ flags: { concurrent: true } }, 'concurrent'));
  lazy(api, 'sequential', variant({ flags: { concurrent: false } }, 'sequential'));
  lazy(api, 'fails', variant({ flags: { fails: true } }, 'fails'));
  lazy(api, 'failing', variant({ flags: { fails: true } }, 'failing'));
  return api;
}

function makeDescribe(v: Variant<SuiteFlags>): DescribeApi {
  const register = (name: string, body: () => void): void => currentCollector(v.api).addSuite(titleOf(name), body, v.mark, v.flags);
  const each: DescribeApi['each'] =
    (table, ...template) =>
    (name, body) => {
      const collector = currentCollector(v.api);
      for (const c of casesOf(table, template, name, collector.eachTitles)) {
        collector.addSuite(c.name, () => body(...c.args), v.mark, v.flags);
      }
    };
  const forEach: DescribeApi['for'] =
    (table, ...template) =>
    (name, body) => {
      const collector = currentCollector(v.api);
      for (const c of casesOf(table, template, name, 'vitest')) collector.addSuite(c.name, () => body(c.row), v.mark, v.flags);
    };
  const variant = (change: Partial<Variant<SuiteFlags>>, suffix: string) => () =>
    makeDescribe({ mark: change.mark ?? v.mark, flags: { ...v.flags, ...change.flags }, api: `${v.api}.${suffix}` });
  const api = Object.assign(register, {
    each,
    for: forEach,
    skipIf: (condition: unknown) => (condition ? variant({ mark: 'skip' }, 'skipIf')() : api),
    runIf: (condition: unknown) => (condition ? api : variant({ mark: 'skip' }, 'runIf')()),
  }) as DescribeApi;
  lazy(api, 'skip', variant({ mark: 'skip' }, 'skip'));
  lazy(api, 'only', variant({ mark: v.mark === 'skip' ? 'skip' : 'only' }, 'only'));
  lazy(api, 'concurrent', variant({ flags: { concurrent: true } }, 'concurrent'));
  lazy(api, 'sequential', variant({ flags: { concurrent: false } }, 'sequential'));
  lazy(api, 'serial', variant({ flags: { serial: true, concurrent: false } }, 'serial'));
  return api;
}

function lazy<T extends object>(target: T, key: string, make: () => unknown): void {
  let made: unknown;
  Object.defineProperty(target, key, { get: () => (made ??= make()), enumerable: true });
}

export const it: TestApi = makeTest({ mark: 'none', flags: {}, api: 'it' });
export const test: TestApi = makeTest({ mark: 'none', flags: {}, api: 'test' });
export const describe: DescribeApi = makeDescribe({ mark: 'none', flags: {}, api: 'describe' });
/** Vitest's other name for describe */
export const suite: DescribeApi = makeDescribe({ mark: 'none', flags: {}, api: 'suite' });

function hook(kind: HookKind) {
  return (fn: HookFn, timeoutMs?: number): void => currentCollector(kind).addHook(kind, fn, timeoutMs);
}

export const beforeAll = hook('beforeAll');
export const afterAll = hook('afterAll');
export const beforeEach = hook('beforeEach');
export const afterEach = hook('afterEach');

/** `describe(SomeClass, ...)` and `describe(fn, ...)` are titled by the name, as in Jest and Vitest */
function titleOf(name: unknown): string {
  return typeof name === 'function' ? name.name || '<anonymous>' : String(name);
}
