import { afterAll, afterEach, beforeAll, beforeEach, describe, it, suite, test } from '../worker/test-api.js';
import { onTestFailed, onTestFinished } from '../worker/test-body.js';
import { expect } from './expect.js';
import { assertType, expectTypeOf } from './type-tests.js';
import { jest } from './jest-object.js';
import { vi } from './vi.js';

/**
 * `globals: true` (Vitest) or Jest's default: the test API without imports, Jest's `fit` / `xit`
 * family included. Set once per thread; a file's own imports of the same names shadow them.
 */
export function installGlobals(): void {
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
