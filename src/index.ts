/**
 * The public test API: `import { describe, it, expect } from 'ptest'`, and what test files written
 * for Vitest (`from 'vitest'`) or Jest (`from '@jest/globals'`) get instead of those packages.
 * `expect` is Jest's own package (with Vitest's extra matchers, soft and poll) and mocks come from
 * jest-mock, so matchers, diffs and mocks behave as Jest and Vitest users know them.
 */
export { describe, suite, it, test, beforeAll, afterAll, beforeEach, afterEach } from './worker/test-api.js';
export type { TestApi, DescribeApi } from './worker/test-api.js';
export type { TestContext, TestFn, HookFn } from './worker/runtime-tree.js';
export { inject } from './worker/provided.js';
export { onTestFailed, onTestFinished } from './worker/test-body.js';
export type { WorkerInfo } from './worker/worker-setup.js';
export { expect } from './compat/expect.js';
export { chai } from './compat/chai-export.js';
export { fn, spyOn, mocked } from './compat/mocker.js';
export { vi, vi as vitest } from './compat/vi.js';
export { assertType, expectTypeOf, type ExpectTypeOf } from './compat/type-tests.js';
export { jest } from './compat/jest-object.js';
export type { Vi } from './compat/vi.js';
export type { Jest } from './compat/jest-object.js';
export type { Mock, Mocked, MockedFunction, MockedClass, MockedObject, MockInstance, Spied } from 'jest-mock';
