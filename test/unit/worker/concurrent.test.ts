import { afterAll, beforeAll, describe, expect as vitestExpect, it } from 'vitest';
import { expect } from '../../../src/compat/expect.js';
import { onTestFinished } from '../../../src/worker/test-body.js';
import { UncaughtErrors } from '../../../src/worker/uncaught.js';
import { run } from './execute-harness.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * In a ptest thread, expect's global matcher object is one object for the thread's life. Vitest,
 * which runs these tests, answers that global with a new object on each read: give the tests the
 * thread's kind for their duration.
 */
const MATCHERS = Symbol.for('$$jest-matchers-object');
const vitestHolder = Object.getOwnPropertyDescriptor(globalThis, MATCHERS);
beforeAll(() => {
  const { matchers, customEqualityTesters } = (globalThis as unknown as Record<symbol, Record<string, unknown>>)[MATCHERS]!;
  const state = { assertionCalls: 0, expectedAssertionsNumber: null, isExpectingAssertions: false, suppressedErrors: [] };
  Object.defineProperty(globalThis, MATCHERS, { configurable: true, value: { matchers, customEqualityTesters, state } });
});
afterAll(() => void Object.defineProperty(globalThis, MATCHERS, vitestHolder!));

describe('concurrent tests of a file', () => {
  it('run interleaved, each counting its own assertions for expect.assertions(n)', async () => {
    const order: string[] = [];
    const { ends, messages } = await run((c) => {
      c.addTest('a: two assertions, the second late', async () => {
        expect.assertions(2);
        expect(1).toBe(1);
        order.push('a started');
        await tick(30);
        expect(2).toBe(2);
      }, 'none', undefined, { concurrent: true });
      c.addTest('b: one assertion, expects two', async () => {
        expect.assertions(2);
        order.push('b started');
        await tick(10);
        expect(3).toBe(3);
      }, 'none', undefined, { concurrent: true });
      c.addTest('c: none, but asks for some', async () => {
        expect.hasAssertions();
        await tick(20);
      }, 'none', undefined, { concurrent: true });
    });
    vitestExpect(order).toEqual(['a started', 'b started']);
    vitestExpect(ends).toEqual([
      ['f.ts > b: one assertion, expects two', 'failed'],
      ['f.ts > c: none, but asks for some', 'failed'],
      ['f.ts > a: two assertions, the second late', 'passed'],
    ]);
    const errors = messages.flatMap((m) => (m.type === 'test:end' && m.attempt.error ? [m.attempt.error.message] : []));
    vitestExpect(errors[0]).toMatch(/Expected two assertions to be called but received one assertion call/);
    vitestExpect(errors[1]).toMatch(/Expected at least one assertion to be called but received none/);
  });

  it('each see their own test name (the snapshot key) and their own expect.soft failures, after an await', async () => {
    const names: Record<string, unknown> = {};
    const { ends } = await run((c) => {
      c.addSuite('orders', () => {
        for (const [name, delay] of [['slow', 30], ['fast', 5]] as const) {
          c.addTest(name, async () => {
            if (name === 'fast') expect.soft(1).toBe(2);
            await tick(delay);
            names[name] = expect.getState().currentTestName;
          }, 'none', undefined, { concurrent: true });
        }
      }, 'none');
    });
    vitestExpect(names).toEqual({ slow: 'orders > slow', fast: 'orders > fast' });
    vitestExpect(ends).toEqual([
      ['f.ts > orders > fast', 'failed'],
      ['f.ts > orders > slow', 'passed'],
    ]);
  });

  it('leave the state of the tests after them as serial tests set it', async () => {
    let seen: unknown;
    await run((c) => {
      c.addTest('one', async () => void (await tick(1)), 'none', undefined, { concurrent: true });
      c.addTest('two', async () => void (await tick(1)), 'none', undefined, { concurrent: true });
      c.addTest('serial', () => void (seen = expect.getState().currentTestName), 'none', undefined);
    });
    vitestExpect(seen).toBe('serial');
  });

  it('attach an imported onTestFinished to the test that called it, after an await', async () => {
    const finished: string[] = [];
    await run((c) => {
      for (const [name, delay] of [['slow', 20], ['fast', 1]] as const) {
        c.addTest(name, async () => {
          await tick(delay);
          onTestFinished(() => void finished.push(name));
        }, 'none', undefined, { concurrent: true });
      }
    });
    expect(finished).toEqual(['fast', 'slow']);
  });

  it("fail the test whose own callback threw uncaught, not the one that started last", async () => {
    // not installed: each error is handed over as the process's handler would, in the thrower's async context
    const uncaught = new UncaughtErrors();
    const deliver = (error: unknown) => (uncaught as unknown as { deliver(error: unknown): void }).deliver(error);
    const { ends, messages } = await run((c) => {
      c.addTest('a: its timer throws', async () => {
        setTimeout(() => deliver(new Error('thrown by a timer of a')), 5);
        await tick(30);
      }, 'none', undefined, { concurrent: true });
      c.addTest('b: started last, innocent', async () => void (await tick(50)), 'none', undefined, { concurrent: true });
    }, undefined, 1000, { uncaught });
    vitestExpect(ends).toEqual([
      ['f.ts > a: its timer throws', 'failed'],
      ['f.ts > b: started last, innocent', 'passed'],
    ]);
    const errors = messages.flatMap((m) => (m.type === 'test:end' && m.attempt.error ? [m.attempt.error.message] : []));
    vitestExpect(errors).toEqual(['thrown by a timer of a']);
  });
});
