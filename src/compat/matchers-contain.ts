import type { expect as jestExpect, MatcherContext } from 'expect';
import { format } from 'pretty-format';
import { inVitestFile } from './chai-chains.js';

type Matcher = (this: MatcherContext, received: unknown, expected: unknown) => { pass: boolean; message: () => string };

/**
 * `toContain` as each runner has it. Vitest's takes a string received and an item that is not a
 * string to chai's `include`, whose `indexOf` finds the item's string form: quasar's
 * `expect(text).not.toContain(22)` passes there, and Jest's matcher refuses it ("expected value
 * must be a string if received value is a string"). In Vitest files, that case is Vitest's;
 * everything else is Jest's own matcher, as before.
 */
export function installToContain(expect: typeof jestExpect): void {
  const matchers = (globalThis as Record<symbol, { matchers: Record<string, Matcher> }>)[Symbol.for('$$jest-matchers-object')]!.matchers;
  const jestToContain = matchers.toContain!;
  expect.extend({
    toContain(this: MatcherContext, received: unknown, expected: unknown) {
      if (!inVitestFile() || typeof received !== 'string' || typeof expected === 'string') return jestToContain.call(this, received, expected);
      const pass = received.includes(String(expected));
      // worded as chai words it
      return { pass, message: () => `expected '${received}' ${this.isNot ? 'not ' : ''}to include ${format(expected)}` };
    },
  });
}
