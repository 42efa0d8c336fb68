import { afterAll, expect, it } from 'vitest';
import { installGlobals } from '../../../src/compat/globals.js';
import { vi } from '../../../src/compat/vi.js';
import * as api from '../../../src/index.js';
import { suite } from '../../../src/worker/test-api.js';

// the globals are the thread's: put back what this worker had
const before = new Map(Object.getOwnPropertyNames(globalThis).map((key) => [key, Object.getOwnPropertyDescriptor(globalThis, key)!]));
afterAll(() => {
  for (const key of Object.getOwnPropertyNames(globalThis)) if (!before.has(key)) delete (globalThis as Record<string, unknown>)[key];
  for (const [key, descriptor] of before) Object.defineProperty(globalThis, key, descriptor);
});

it("names vi `vitest` too, and describe `suite`, as Vitest's globals and exports do", () => {
  installGlobals();
  const g = globalThis as unknown as Record<string, unknown>;
  expect(g.vitest).toBe(vi);
  expect(g.vi).toBe(vi);
  expect(g.suite).toBe(suite);
  expect(api.vitest).toBe(api.vi);
});
