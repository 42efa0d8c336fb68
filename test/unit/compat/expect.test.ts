import { describe, expect, it } from 'vitest';
import { expect as ptestExpect } from '../../../src/compat/expect.js';

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
});
