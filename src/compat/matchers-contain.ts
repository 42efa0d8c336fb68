import type { expect as jestExpect, MatcherContext } from 'expect';
import { format } from 'pretty-format';
import { inVitestFile } from './chai-chains.js';
import { perThread } from './per-thread.js';

type Matcher = (this: MatcherContext, received: unknown, expected: unknown) => { pass: boolean; message: () => string };

/**
 * `toContain` as each runner has it. Vitest's takes a string received and an item that is not a
 * string to chai's `include`, whose `indexOf` finds the item's string form: quasar's
 * `expect(text).not.toContain(22)` passes there, and Jest's matcher refuses it ("expected value
 * must be a string if received value is a string"). In Vitest files, that case is Vitest's.
 * An array-like that is not iterable (cheerio's style object, `{ 0: 'display', length: 1 }`) is
 * read with `Array.from` by Vitest and by Jest 29 and older; Jest 30 spreads it and throws
 * "received is not iterable", which a Jest 30 suite keeps. Everything else is Jest's own matcher.
 */
const rules = perThread('contain-rules', () => ({ arrayLikes: true }));

/** before each file: whether toContain reads an array-like that is not iterable (all but a Jest 30 suite) */
export function containArrayLikes(on: boolean): void {
  rules.arrayLikes = on;
}

const isArrayLike = (value: unknown): value is ArrayLike<unknown> =>
  typeof value === 'object' && value !== null && !(Symbol.iterator in value) && typeof (value as { length?: unknown }).length === 'number';

export function installToContain(expect: typeof jestExpect): void {
  const matchers = (globalThis as Record<symbol, { matchers: Record<string, Matcher> }>)[Symbol.for('$$jest-matchers-object')]!.matchers;
  const jestToContain = matchers.toContain!;
  expect.extend({
    toContain(this: MatcherContext, received: unknown, expected: unknown) {
      if (rules.arrayLikes && isArrayLike(received)) return jestToContain.call(this, Array.from(received), expected);
      if (!inVitestFile() || typeof received !== 'string' || typeof expected === 'string') return jestToContain.call(this, received, expected);
      const pass = received.includes(String(expected));
      // worded as chai words it
      return { pass, message: () => `expected '${received}' ${this.isNot ? 'not ' : ''}to include ${format(expected)}` };
    },
  });
}
