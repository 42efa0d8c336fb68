/**
 * The public test API: `import { describe, it, expect } from 'ptest'`.
 * `expect` is Jest's own package and `fn` / `spyOn` come from jest-mock, so matchers, diffs and
 * mocks behave exactly as Jest users know them.
 */
export { describe, it, test, beforeAll, afterAll, beforeEach, afterEach } from './worker/test-api.js';
export type { TestApi, DescribeApi } from './worker/test-api.js';
export type { TestContext, TestFn, HookFn } from './worker/runtime-tree.js';
export { inject } from './worker/provided.js';
export type { WorkerInfo } from './worker/worker-setup.js';
export { expect } from 'expect';
export { fn, spyOn, mocked } from 'jest-mock';
export type { Mock, MockedFunction } from 'jest-mock';
