import type { HookKind } from '../model/protocol.js';
import { currentCollector } from './collector.js';
import { casesOf } from './each.js';
import type { HookFn, Mark, TestFn } from './runtime-tree.js';

/**
 * The registration API users import from 'ptest': describe / it / test and the hooks, with the
 * `.skip .only .todo .each` modifiers of Jest and Vitest. Registration only: nothing runs here.
 */
type EachFn<F> = (table: readonly unknown[], ...template: unknown[]) => (name: string, fn: F, timeoutMs?: number) => void;

export interface TestApi {
  (name: string, fn?: TestFn, timeoutMs?: number): void;
  skip: TestApi;
  only: TestApi;
  todo: (name: string) => void;
  each: EachFn<(...args: any[]) => unknown>;
}

export interface DescribeApi {
  (name: string, body: () => void): void;
  skip: DescribeApi;
  only: DescribeApi;
  each: EachFn<(...args: any[]) => void>;
}

function makeTest(mark: Mark, api: string): TestApi {
  const register = (name: string, fn?: TestFn, timeoutMs?: number): void =>
    currentCollector(api).addTest(String(name), fn, fn ? mark : 'todo', timeoutMs);
  const each: TestApi['each'] =
    (table, ...template) =>
    (name, fn, timeoutMs) => {
      for (const c of casesOf(table, template, name)) {
        currentCollector(api).addTest(c.name, () => fn(...c.args), mark, timeoutMs);
      }
    };
  return Object.assign(register, {
    each,
    todo: (name: string) => currentCollector(api).addTest(String(name), undefined, 'todo', undefined),
  }) as TestApi;
}

function withModifiers(api: string): TestApi {
  const base = makeTest('none', api);
  base.skip = makeTest('skip', `${api}.skip`);
  base.only = makeTest('only', `${api}.only`);
  // `it.skip.skip` is meaningless but `it.skip.each` / `it.only.each` are common: allow the chain.
  base.skip.skip = base.skip.only = base.skip;
  base.only.only = base.only.skip = base.only;
  return base;
}

function makeDescribe(mark: Mark, api: string): DescribeApi {
  const register = (name: string, body: () => void): void => currentCollector(api).addSuite(String(name), body, mark);
  const each: DescribeApi['each'] =
    (table, ...template) =>
    (name, body) => {
      for (const c of casesOf(table, template, name)) {
        currentCollector(api).addSuite(c.name, () => body(...c.args), mark);
      }
    };
  return Object.assign(register, { each }) as DescribeApi;
}

export const it: TestApi = withModifiers('it');
export const test: TestApi = withModifiers('test');

export const describe: DescribeApi = makeDescribe('none', 'describe');
describe.skip = makeDescribe('skip', 'describe.skip');
describe.only = makeDescribe('only', 'describe.only');

function hook(kind: HookKind) {
  return (fn: HookFn, timeoutMs?: number): void => currentCollector(kind).addHook(kind, fn, timeoutMs);
}

export const beforeAll = hook('beforeAll');
export const afterAll = hook('afterAll');
export const beforeEach = hook('beforeEach');
export const afterEach = hook('afterEach');
