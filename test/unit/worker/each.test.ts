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
  it('spreads array rows as arguments and wraps single values, keeping each row whole for Vitest\'s .for', () => {
    expect(casesOf([[1, 2], [3, 4]], [], 'add %i %i')).toEqual([
      { name: 'add 1 2', args: [1, 2], row: [1, 2] },
      { name: 'add 3 4', args: [3, 4], row: [3, 4] },
    ]);
    expect(casesOf(['x', 'y'], [], 'letter %s')).toEqual([
      { name: 'letter x', args: ['x'], row: 'x' },
      { name: 'letter y', args: ['y'], row: 'y' },
    ]);
  });

  it('turns a tagged template table into one object per row', () => {
    const { strings, values } = tagged`
      a    | b    | sum
      ${1} | ${2} | ${3}
      ${2} | ${2} | ${4}
    `;
    expect(casesOf(strings, values, '$a + $b = $sum')).toEqual([
      { name: '1 + 2 = 3', args: [{ a: 1, b: 2, sum: 3 }], row: { a: 1, b: 2, sum: 3 } },
      { name: '2 + 2 = 4', args: [{ a: 2, b: 2, sum: 4 }], row: { a: 2, b: 2, sum: 4 } },
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

/** each title as Vitest 4.1.12 printed it for the same table (run on 2026-11-24) */
describe("casesOf, titled by Vitest's rules", () => {
  const title = (template: string, items: unknown[], index = 0) => casesOf([items], [], template, 'vitest')[index]!.name;

  it('formats printf placeholders with its own format: objects on one line, and a %% takes a value', () => {
    expect(title('printf %s %d %i %f', ['one', 2, 3.7, -0])).toBe('printf one 2 3 0');
    expect(title('objects %s | %o | %O | %j', [{ a: 1, b: [1, 2] }, { a: 1 }, [{ type: 'apple', id: 1 }, { type: 'apple', id: 3 }, { type: 'apple', id: 4 }], { j: 1 }])).toBe(
      `objects { a: 1, b: [ 1, 2 ] } | { a: 1 } | [ { type: 'apple', id: 1 }, { type: 'apple', id: 3 }, { type: 'apple', id: 4 } ] | {"j":1}`,
    );
    expect(title('index %# number %$ percent 100%% then %s', ['x'])).toBe('index 0 number 1 percent 100% x then undefined');
    expect(title('not enough %s %s', ['only'])).toBe('not enough only undefined');
  });

  it('shows $key values with objDisplay: strings quoted and cut at 40 characters, a missing key as undefined', () => {
    const row = {
      desc: 'async exec - success with forkApi.delay',
      tags: [undefined, null, 'Bread'],
      n: 3,
      fn: function named() {},
      obj: { a: 1, b: 2, c: 3, ddddddddddddddddddd: 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee' },
      long: Array.from({ length: 30 }, (_, i) => i),
    };
    expect(title('$desc | $tags | $n | $fn | $obj | $long | $missing | $obj.a | $tags.2', [row])).toBe(
      `'async exec - success with forkApi.del…' | [ undefined, null, 'Bread' ] | 3 | [Function named] | { a: 1, b: 2, c: 3, …(1) } | [ Array(30) ] | undefined | 1 | 'Bread'`,
    );
  });

  it('reads $0 from an array row, and leaves a $key it cannot read', () => {
    expect(title('array keys $0 and $1.a', [5, { a: 'deep' }])).toBe('array keys 5 and $1.a');
  });

  it('titles template tables and bare values the same way', () => {
    const { strings, values } = tagged`
      a    | b
      ${1} | ${'two'}
    `;
    expect(casesOf(strings, values, 'template a=$a b=$b', 'vitest').map((c) => c.name)).toEqual(["template a=1 b='two'"]);
    expect(casesOf([1, 2], [], 'bare %s', 'vitest').map((c) => c.name)).toEqual(['bare 1', 'bare 2']);
  });
});

describe("casesOf, titled by Jest's rules", () => {
  it('numbers an object row with $#, and leaves a key the row lacks as written', () => {
    expect(casesOf([{ a: 'x' }], [], '$# $a $missing').map((c) => c.name)).toEqual(['0 x $missing']);
  });
});
