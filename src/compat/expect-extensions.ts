import { expect as jestExpect } from 'expect';

/**
 * What `expect.extend` and `expect.addEqualityTesters` add lives in the thread's one expect, which
 * outlives a file on a reused worker. Jest and Vitest give every file an expect of its own, so a
 * matcher one file adds or replaces (console-testing-library replaces toMatchInlineSnapshot) must
 * not reach the next file. Returns what puts expect back as it was when called.
 */
interface MatchersObject {
  matchers: Record<string, unknown>;
  customEqualityTesters: unknown[];
}

export function recordExpectExtensions(): () => void {
  const table = (globalThis as unknown as Record<symbol, MatchersObject>)[Symbol.for('$$jest-matchers-object')]!;
  const matchers = { ...table.matchers };
  const testers = [...table.customEqualityTesters];
  // expect.extend also puts each matcher on expect and expect.not, as an asymmetric matcher
  const targets = [jestExpect, jestExpect.not].map((target) => ({ target: target as unknown as Record<string, unknown>, before: Object.getOwnPropertyDescriptors(target) }));
  return () => {
    for (const key of Object.keys(table.matchers)) if (!(key in matchers)) delete table.matchers[key];
    Object.assign(table.matchers, matchers);
    table.customEqualityTesters.splice(0, table.customEqualityTesters.length, ...testers);
    for (const { target, before } of targets) {
      for (const key of Object.keys(target)) if (!(key in before)) delete target[key];
      for (const [key, descriptor] of Object.entries(before)) {
        if (descriptor.configurable && Object.getOwnPropertyDescriptor(target, key)?.value !== descriptor.value) Object.defineProperty(target, key, descriptor);
      }
    }
  };
}
