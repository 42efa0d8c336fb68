import { describe, expect, it } from 'vitest';
import { setEnvValues, setGlobalValues } from '../../../src/compat/global-values.js';

/** Jest's config `globals`, as a file gets them and leaves them. */
const global = globalThis as Record<string, unknown>;

describe('setGlobalValues', () => {
  it('gives the file its own copy of each value, and puts back what the global object had', () => {
    global.__PTEST_KEPT = 'before';
    const values = { __PTEST_FLAGS: { on: ['a'] }, __PTEST_KEPT: 1 };
    const undo = setGlobalValues(values);
    expect(global.__PTEST_FLAGS).toEqual({ on: ['a'] });
    (global.__PTEST_FLAGS as { on: string[] }).on.push('b');
    expect(values.__PTEST_FLAGS.on).toEqual(['a']);
    expect(global.__PTEST_KEPT).toBe(1);
    undo();
    expect('__PTEST_FLAGS' in globalThis).toBe(false);
    expect(global.__PTEST_KEPT).toBe('before');
    delete global.__PTEST_KEPT;
  });
});

describe('setEnvValues', () => {
  it('sets the variables for the file, and puts back what process.env had', () => {
    process.env.PTEST_KEPT = 'before';
    const undo = setEnvValues({ PTEST_KEPT: 'during', PTEST_NEW: 'x' });
    expect([process.env.PTEST_KEPT, process.env.PTEST_NEW]).toEqual(['during', 'x']);
    undo();
    expect([process.env.PTEST_KEPT, 'PTEST_NEW' in process.env]).toEqual(['before', false]);
    delete process.env.PTEST_KEPT;
  });
});
