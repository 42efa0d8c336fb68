import { inspect, objDisplay, stringify } from '@vitest/utils/display';
import { diff } from '@vitest/utils/diff';
import { ordinal } from '@vitest/utils/helpers';
import type { MatcherContext, SyncExpectationResult } from 'expect';

/**
 * What Vitest's chai-based matchers print, rebuilt for `expect.extend`. Vitest words these through
 * chai (`this.assert` with `#{this}` / `#{exp}` templates, loupe for values) and its own
 * pretty-format and diff, not through jest-matcher-utils, so the same helpers are taken from
 * @vitest/utils (which @vitest/snapshot already brings in) to print values exactly as Vitest does.
 */

export type Settled = { type: 'fulfilled' | 'rejected' | 'incomplete'; value: unknown };

/** The part of a mock both jest-mock's and Vitest's spies have; `settledResults` only Vitest's. */
export interface Spy {
  (...args: never[]): unknown;
  _isMockFunction: true;
  getMockName(): string;
  mock: {
    calls: unknown[][];
    results: { type: 'return' | 'throw' | 'incomplete'; value: unknown }[];
    invocationCallOrder: number[];
    settledResults?: Settled[];
  };
}

export type Result = SyncExpectationResult & { actual?: unknown; expected?: unknown };

/** chai's `utils.inspect` with chai's defaults (depth 2, truncated at 40 characters) */
export const chaiInspect = (value: unknown): string => inspect(value, { depth: 2, truncate: 40 });

export function isSpy(value: unknown): value is Spy {
  return typeof value === 'function' && '_isMockFunction' in value && value._isMockFunction === true;
}

export function getSpy(received: unknown): Spy {
  if (!isSpy(received)) throw new TypeError(`${chaiInspect(received)} is not a spy or a call to a spy!`);
  return received;
}

export interface ChaiAssertion {
  pass: unknown;
  /** the message when the assertion fails, and the one when its `.not` form fails */
  message: string;
  negated: string;
  /** what `#{this}` shows: the value under test */
  received?: unknown;
  /** what `#{exp}` shows */
  expected?: unknown;
  /**
   * Vitest hands these to its reporter, which prints their diff under the message; kept on the
   * result (expect copies it to `error.matcherResult`) so a reporter here can do the same.
   */
  diff?: { actual: unknown; expected: unknown };
  /** appends to the message, as Vitest's formatCalls / formatReturns do */
  extend?: (message: string) => string;
}

/** chai's `this.assert(...)`: picks the wording by `.not` and fills in the templates. */
export function chaiResult(ctx: MatcherContext, a: ChaiAssertion): Result {
  const fill = (template: string): string =>
    template.replace(/#\{(this|exp)\}/g, (_, tag: string) => objDisplay(tag === 'this' ? a.received : a.expected));
  const message = (): string => {
    const text = fill(ctx.isNot ? a.negated : a.message);
    return a.extend ? a.extend(text) : text;
  };
  return { pass: Boolean(a.pass), message, ...(a.diff ?? {}) };
}

/** Vitest compares call arguments one by one, so an asymmetric matcher can stand for a missing one. */
export function equalsArgumentArray(ctx: MatcherContext, a: unknown[], b: unknown[]): boolean {
  const testers = [...ctx.customTesters, ctx.utils.iterableEquality];
  return a.length === b.length && a.every((item, i) => ctx.equals(item, b[i], testers));
}

// Vitest colours these lines gray and bold with its own tinyrainbow; jest-matcher-utils' dim and
// bold are used instead so they follow whatever decides colour for the rest of expect's output.
function footer(ctx: MatcherContext, spy: Spy, entries: string[]): string {
  const { DIM_COLOR: gray, BOLD_WEIGHT: bold } = ctx.utils;
  const received = entries.length ? gray(`\n\nReceived:\n\n${entries.join('\n')}`) : '';
  return `${received}${gray(`\n\nNumber of calls: ${bold(String(spy.mock.calls.length))}\n`)}`;
}

const indent = (text: string): string =>
  text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');

/** Vitest's formatCalls: every call, as a diff against the expected arguments when there are some */
export function formatCalls(ctx: MatcherContext, spy: Spy, message: string, expectedArgs?: unknown[]): string {
  const entries = spy.mock.calls.map((args, i) => {
    const head = ctx.utils.BOLD_WEIGHT(`  ${ordinal(i + 1)} ${spy.getMockName()} call:\n\n`);
    return `${head}${expectedArgs ? diff(expectedArgs, args, { omitAnnotationLines: true }) : indent(stringify(args))}\n`;
  });
  return message + footer(ctx, spy, entries);
}

/**
 * Vitest's formatReturns. It tests the expected value for truthiness, not presence, so a falsy
 * expected value prints each result object instead of a diff; kept, since the wording is the point.
 */
export function formatReturns(ctx: MatcherContext, spy: Spy, results: readonly Settled[], message: string, expected: unknown): string {
  const entries = results.map((result, i) => {
    const head = ctx.utils.BOLD_WEIGHT(`  ${ordinal(i + 1)} ${spy.getMockName()} call return:\n\n`);
    return `${head}${expected ? diff(expected, result.value, { omitAnnotationLines: true }) : indent(stringify(result))}\n`;
  });
  return message + footer(ctx, spy, entries);
}

const SPACE_SYMBOL = '·';
const replaceTrailingSpaces = (text: string): string => text.replace(/\s+$/gm, (spaces) => SPACE_SYMBOL.repeat(spaces.length));

/** Vitest's printExpected / printReceived: its stringify (not jest-matcher-utils' one-line form) */
export const printExpected = (ctx: MatcherContext, value: unknown): string => ctx.utils.EXPECTED_COLOR(replaceTrailingSpaces(stringify(value)));
export const printReceived = (ctx: MatcherContext, value: unknown): string => ctx.utils.RECEIVED_COLOR(replaceTrailingSpaces(stringify(value)));

export { ordinal };
