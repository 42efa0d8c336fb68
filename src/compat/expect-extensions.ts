import { expect as jestExpect } from 'expect';
import { PropertyChanges } from './property-changes.js';
import { runEach } from './run-each.js';

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
  const testers = [...table.customEqualityTesters];
  // expect.extend also puts each matcher on expect and expect.not, as an asymmetric matcher
  const records = [table.matchers, jestExpect, jestExpect.not].map((target) => new PropertyChanges(target, 'the expect matchers'));
  return () => {
    table.customEqualityTesters.splice(0, table.customEqualityTesters.length, ...testers);
    const failures = runEach(records.map((record) => () => {
      record.settleWithAdded();
      record.restore('the test file');
    }));
    if (failures.length > 0) throw failures[0];
  };
}
