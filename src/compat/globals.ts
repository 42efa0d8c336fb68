import { afterAll, afterEach, beforeAll, beforeEach, describe, it, suite, test } from '../worker/test-api.js';
import { onTestFailed, onTestFinished } from '../worker/test-body.js';
import { format } from 'pretty-format';
import { expect, suppressedErrors } from './expect.js';
import { assertType, expectTypeOf } from './type-tests.js';
import { jest } from './jest-object.js';
import { vi } from './vi.js';

/**
 * `globals: true` (Vitest) or Jest's default: the test API without imports, Jest's `fit` / `xit`
 * family included. Set once per thread; a file's own imports of the same names shadow them.
 */
export function installGlobals(jasmine2: boolean): void {
  if (jasmine2) Object.assign(globalThis, { fail });
  Object.assign(globalThis, {
    describe,
    suite,
    it,
    test,
    expect,
    beforeAll,
    afterAll,
    beforeEach,
    afterEach,
    onTestFinished,
    onTestFailed,
    vi,
    // Vitest's globals name it both ways
    vitest: vi,
    jest,
    expectTypeOf,
    assertType,
    fit: it.only,
    xit: it.skip,
    xtest: test.skip,
    fdescribe: describe.only,
    xdescribe: describe.skip,
  });
}

/**
 * jasmine2's `fail(reason)` (Jest 26 and older): the test goes on and fails at its end, with the
 * error given or `Failed: <reason>`, as jasmine2 records it. jest-circus has no `fail`.
 */
function fail(reason?: unknown): void {
  const isError = typeof reason === 'object' && reason !== null && typeof (reason as Error).message === 'string' && typeof (reason as Error).name === 'string';
  suppressedErrors().push(isError ? reason : new Error(`Failed: ${format(reason, { maxDepth: 3 })}`));
}
