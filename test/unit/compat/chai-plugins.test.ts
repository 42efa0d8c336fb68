import { describe, expect, it, vi } from 'vitest';
import { useChai } from '../../../src/compat/chai-chains.js';
import { chai } from '../../../src/compat/chai-export.js';
import { expect as ptestExpect } from '../../../src/compat/expect.js';

vi.mock('chai', async () => (await import('./fresh-chai.js')).freshChai());

type Methods = Record<'toBe' | 'toEqual' | 'toBeEven', (...args: unknown[]) => unknown>;
const on = (value: unknown) => ptestExpect(value) as unknown as Methods & { not: Methods };

const failure = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a failure');
};

// a Vitest file's worth, followed by a Jest file's
async function inVitestFile(run: () => void | Promise<void>): Promise<void> {
  await useChai(true);
  try {
    await run();
  } finally {
    await useChai(false);
  }
}

describe("chai's plugin API on ptest's expect", () => {
  it("names what is wrong when chai is asked for outside a Vitest file (the thread's first file here)", () => {
    expect(() => chai.util).toThrow(/chai is loaded for Vitest files .* this file is not one/);
  });

  it("gives chai's Assertion each of ptest's matchers, negated by .not, failing in Jest's words", () =>
    inVitestFile(() => {
      const assertion = (value: unknown) => chai.expect(value) as unknown as Methods & { not: Methods };
      assertion({ a: 1 }).toEqual({ a: ptestExpect.any(Number) });
      assertion(1).not.toBe(2);
      expect(failure(() => assertion(1).toBe(2))).toBe(failure(() => ptestExpect(1).toBe(2)));
      expect(failure(() => assertion(1).not.toBe(1))).toBe(failure(() => ptestExpect(1).not.toBe(1)));
    }));

  it('runs a method user code added to chai.Assertion, on the value and negation of the expect it is called on', () =>
    inVitestFile(() => {
      chai.util.addMethod(chai.Assertion.prototype, 'toBeEven', function (this: Chai.AssertionStatic) {
        const value = chai.util.flag(this, 'object') as number;
        this.assert(value % 2 === 0, 'expected #{this} to be even', 'expected #{this} not to be even', undefined);
      });
      on(4).toBeEven();
      on(3).not.toBeEven();
      expect(failure(() => on(3).toBeEven())).toBe('expected 3 to be even');
      expect(failure(() => on(4).not.toBeEven())).toBe('expected 4 not to be even');
    }));

  it('sends a matcher user code replaced on chai.Assertion there, with the original kept, until the next file', async () => {
    await inVitestFile(() => {
      chai.util.overwriteMethod(chai.Assertion.prototype, 'toBe', (original: (...args: unknown[]) => unknown) =>
        function (this: object, expected: unknown) {
          chai.util.flag(this, 'object', Math.round(chai.util.flag(this, 'object') as number));
          return original.call(this, expected);
        },
      );
      on(1.2).toBe(1);
      on(1.2).not.toBe(2);
      expect(failure(() => on(1.2).toBe(2))).toBe(failure(() => ptestExpect(1).toBe(2)));
    });
    await inVitestFile(() => {
      expect(failure(() => on(1.2).toBe(1))).toBe(failure(() => ptestExpect(1.2).toBe(1)));
    });
  });

  it("leaves chai's Assertion as it found it for a file that is not a Vitest one", async () => {
    const prototype = chai.Assertion.prototype as object;
    await useChai(true);
    const bridged = Object.getOwnPropertyDescriptor(prototype, 'toStrictEqual');
    await useChai(false);
    expect(typeof bridged?.get).toBe('function');
    expect(Object.getOwnPropertyDescriptor(prototype, 'toStrictEqual')?.get).toBeUndefined();
    expect((ptestExpect(1) as unknown as { equal?: unknown }).equal).toBeUndefined();
  });
});
