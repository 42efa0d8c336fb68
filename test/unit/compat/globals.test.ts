import { afterAll, expect, it } from 'vitest';
import { installGlobals } from '../../../src/compat/globals.js';
import { vi } from '../../../src/compat/vi.js';
import * as api from '../../../src/index.js';
import { suite } from '../../../src/worker/test-api.js';
import { run } from '../worker/execute-harness.js';

// the globals are the thread's: put back what this worker had
const before = new Map(Object.getOwnPropertyNames(globalThis).map((key) => [key, Object.getOwnPropertyDescriptor(globalThis, key)!]));
afterAll(() => {
  for (const key of Object.getOwnPropertyNames(globalThis)) if (!before.has(key)) delete (globalThis as Record<string, unknown>)[key];
  for (const [key, descriptor] of before) Object.defineProperty(globalThis, key, descriptor);
});

it("names vi `vitest` too, and describe `suite`, as Vitest's globals and exports do", () => {
  installGlobals(false);
  const g = globalThis as unknown as Record<string, unknown>;
  expect(g.vitest).toBe(vi);
  expect(g.vi).toBe(vi);
  expect(g.suite).toBe(suite);
  expect(api.vitest).toBe(api.vi);
  // jest-circus has no fail(); only jasmine2 suites get it
  expect(g.fail).toBeUndefined();
});

it("gives jasmine2 suites `fail`: the test goes on, then fails with jasmine2's words", async () => {
  installGlobals(true);
  const fail = (globalThis as unknown as { fail: (reason?: unknown) => void }).fail;
  const log: string[] = [];
  const { ends, messages } = await run((c) => {
    c.addTest('fails', () => {
      fail('should have thrown');
      log.push('went on');
    }, 'none', undefined);
    c.addTest('passes', () => void log.push('next test'), 'none', undefined);
  });
  expect(ends).toEqual([['f.ts > fails', 'failed'], ['f.ts > passes', 'passed']]);
  expect(log).toEqual(['went on', 'next test']);
  const end = messages.find((m) => m.type === 'test:end' && m.id === 'f.ts > fails');
  expect(end?.type === 'test:end' && end.attempt.error?.message).toBe('Failed: "should have thrown"');
});
