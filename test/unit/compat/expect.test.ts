import { describe, expect, it, vi } from 'vitest';
import { useChai } from '../../../src/compat/chai-chains.js';
import { expect as ptestExpect } from '../../../src/compat/expect.js';
import { containArrayLikes } from '../../../src/compat/matchers-contain.js';

vi.mock('chai', async () => (await import('./fresh-chai.js')).freshChai());

/** ptest's expect, typed as Vitest's: chai's words are there in Vitest files */
const chaiStyle = ptestExpect as unknown as typeof expect;

const failure = async (run: () => unknown): Promise<string> => {
  try {
    await run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a failure');
};

describe("ptest's expect", () => {
  it("takes Vitest's message argument: a failure starts with it, as Vitest's does", async () => {
    const vitestMessage = await failure(() => expect(1, 'the total').toBe(2));
    const ours = await failure(() => ptestExpect(1, 'the total').toBe(2));
    expect(vitestMessage.startsWith('the total: ')).toBe(true);
    expect(ours.startsWith('the total: ')).toBe(true);
    expect(ours).toContain('Expected: 2');
    expect(await failure(() => ptestExpect([1], 'list').not.toContain(1))).toMatch(/^list: /);
    expect(await failure(() => ptestExpect(Promise.resolve(1), 'async').resolves.toBe(2))).toMatch(/^async: /);
  });

  it('passes with a message as without, and keeps every static member of expect', () => {
    ptestExpect(1, 'the total').toBe(1);
    ptestExpect({ a: 1 }).toEqual({ a: ptestExpect.any(Number) });
    expect(typeof ptestExpect.extend).toBe('function');
    expect(typeof ptestExpect.soft).toBe('function');
  });

  it("speaks chai in a Vitest file, with the messages Vitest's chai gives, and not in a Jest file", async () => {
    await useChai(true);
    try {
      chaiStyle('receipt').to.be.a('string').and.have.lengthOf(7);
      chaiStyle([1, 2]).not.to.include(3);
      chaiStyle(1).to.not.equal(2);
      for (const check of [(e: typeof expect) => e(1).to.equal(2), (e: typeof expect) => e({ a: 1 }).to.deep.equal({ a: 2 }), (e: typeof expect) => e([1]).not.to.include(1)]) {
        expect(await failure(() => check(chaiStyle))).toBe(await failure(() => check(expect)));
      }
      expect(await failure(() => chaiStyle(1, 'the total').to.equal(2))).toBe(await failure(() => expect(1, 'the total').to.equal(2)));
    } finally {
      await useChai(false);
    }
    expect((ptestExpect(1) as unknown as { to?: unknown }).to).toBeUndefined();
  });

  it('counts chai assertions toward expect.assertions', async () => {
    await useChai(true);
    try {
      ptestExpect.setState({ assertionCalls: 0 });
      chaiStyle(true).to.be.true;
      chaiStyle([1]).to.have.length(1);
      expect(ptestExpect.getState().assertionCalls).toBe(2);
    } finally {
      await useChai(false);
    }
  });
});

describe('toContain in each dialect', () => {
  it("finds a number's string form in a string in a Vitest file, as Vitest's chai does, and refuses it in a Jest file, as Jest does", async () => {
    await useChai(true);
    try {
      ptestExpect('a22b').toContain(22);
      ptestExpect('').not.toContain(22);
      expect(await failure(() => ptestExpect('abc').toContain(22))).toBe(await failure(() => expect('abc').toContain(22)));
      ptestExpect([1, 2]).toContain(2);
    } finally {
      await useChai(false);
    }
    expect(await failure(() => ptestExpect('a22b').toContain(22))).toMatch(/expected value must be a string if received value is a string/);
    ptestExpect('abc').toContain('b');
  });

  it("reads an array-like that is not iterable, as Vitest and Jest 29 do, and throws for it in a Jest 30 suite, as Jest 30 does", async () => {
    // cheerio's style object: its own indexes and length, no iterator
    const style = { display: 'none', 0: 'display', length: 1 };
    ptestExpect(style).toContain('display');
    ptestExpect(style).not.toContain('none');
    expect(await failure(() => ptestExpect(style).toContain('color'))).toMatch(/Received array: +\["display"\]/);
    expect(await failure(() => expect(style).not.toContain('display'))).toMatch(/to not include 'display'/);
    containArrayLikes(false);
    try {
      expect(await failure(() => ptestExpect(style).toContain('display'))).toBe('received is not iterable');
    } finally {
      containArrayLikes(true);
    }
  });
});
