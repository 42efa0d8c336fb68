import { describe, expect, it } from 'vitest';
import { casesOf, formatName } from '../../../src/worker/each.js';

const tagged = (strings: TemplateStringsArray, ...values: unknown[]) => ({ strings, values });

describe('formatName', () => {
  it('fills printf placeholders in order', () => {
    expect(formatName('%s + %d = %i', ['one', 2, 3.7], 0)).toBe('one + 2 = 3');
    expect(formatName('%j and %p', [{ a: 1 }, 'x'], 0)).toBe(`{"a":1} and "x"`);
    expect(formatName('%p', [{ a: { deep: 1 } }], 0)).toBe('{"a": [Object]}');
  });

  it('numbers cases with %# and keeps a literal %%', () => {
    expect(formatName('case %# is 100%%', [1], 4)).toBe('case 4 is 100%');
  });

  it('leaves placeholders without arguments as they are', () => {
    expect(formatName('%s and %s', ['a'], 0)).toBe('a and %s');
  });

  it('reads $key and $key.path from an object row, as jest-each prints them', () => {
    expect(formatName('$name is $age.years', [{ name: 'ann', age: { years: 3 } }], 0)).toBe('ann is 3');
    expect(formatName('got $list', [{ list: [1, 2] }], 0)).toBe('got [1, 2]');
  });
});

describe('casesOf', () => {
  it('spreads array rows as arguments and wraps single values', () => {
    expect(casesOf([[1, 2], [3, 4]], [], 'add %i %i')).toEqual([
      { name: 'add 1 2', args: [1, 2] },
      { name: 'add 3 4', args: [3, 4] },
    ]);
    expect(casesOf(['x', 'y'], [], 'letter %s')).toEqual([
      { name: 'letter x', args: ['x'] },
      { name: 'letter y', args: ['y'] },
    ]);
  });

  it('turns a tagged template table into one object per row', () => {
    const { strings, values } = tagged`
      a    | b    | sum
      ${1} | ${2} | ${3}
      ${2} | ${2} | ${4}
    `;
    expect(casesOf(strings, values, '$a + $b = $sum')).toEqual([
      { name: '1 + 2 = 3', args: [{ a: 1, b: 2, sum: 3 }] },
      { name: '2 + 2 = 4', args: [{ a: 2, b: 2, sum: 4 }] },
    ]);
  });

  it('rejects a template table with a ragged row, naming the columns', () => {
    const { strings, values } = tagged`
      a | b
      ${1} | ${2}
      ${3}
    `;
    expect(() => casesOf(strings, values, 'x')).toThrow(/3 values for 2 columns \(a, b\)/);
  });
});
