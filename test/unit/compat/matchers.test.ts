import { stripVTControlCharacters } from 'node:util';
import { expect as jestExpect } from 'expect';
import { fn } from 'jest-mock';
import { describe, expect, it, vi, expect as vitestExpect } from 'vitest';
import { installVitestMatchers } from '../../../src/compat/matchers.js';
import { ALIASES } from '../../../src/compat/matchers-aliases.js';

installVitestMatchers(jestExpect);

/**
 * Each case runs twice with identical calls: against Vitest's real expect and vi.fn(), and against
 * expect@30 with these matchers and jest-mock's fn(). Both expects are driven through `any`: the
 * point is to call them the same way, not to typecheck one against the other's declarations.
 */
type AnyExpect = any;
type Make = (name: string, impl?: (...args: any[]) => unknown) => any;
type Run = (e: AnyExpect, make: Make) => unknown;

const viMake: Make = (name, impl) => vi.fn(impl).mockName(name);
const jestMake: Make = (name, impl) => fn(impl).mockName(name);

/** jest-mock records no settledResults; this stands in for a mock layer that does, as vi.fn does */
const trackedMake: Make = (name, impl = () => undefined) => {
  const settled: { type: string; value: unknown }[] = [];
  const mock = fn((...args: unknown[]) => {
    const entry = { type: 'incomplete', value: undefined as unknown };
    settled.push(entry);
    const settle = (type: string) => (value: unknown) => Object.assign(entry, { type, value });
    try {
      const value = impl(...args);
      if (value instanceof Promise) value.then(settle('fulfilled'), settle('rejected'));
      else settle('fulfilled')(value);
      return value;
    } catch (error) {
      settle('rejected')(error);
      throw error;
    }
  }).mockName(name);
  Object.assign(mock.mock, { settledResults: settled });
  return mock;
};

/** 'pass', or the failure as the user would read it: no colours, the error's class named */
async function outcome(run: () => unknown): Promise<string> {
  try {
    await run();
    return 'pass';
  } catch (error) {
    const e = error as Error;
    return `${e instanceof TypeError ? 'TypeError: ' : ''}${stripVTControlCharacters(e.message)}`;
  }
}

async function compare(run: Run, ptestMake: Make = jestMake): Promise<{ vitest: string; ptest: string }> {
  return { vitest: await outcome(() => run(vitestExpect, viMake)), ptest: await outcome(() => run(jestExpect, ptestMake)) };
}

const calledTwice = (make: Make) => {
  const spy = make('spy');
  spy(1, 'a');
  spy({ a: [1, 2] });
  return spy;
};
const doubling = (make: Make) => {
  const spy = make('spy', (x: number) => x * 2);
  spy(1);
  spy(2);
  return spy;
};
const ordered = (make: Make) => {
  const [first, second, idle] = [make('first'), make('second'), make('idle')];
  first();
  second();
  return { first, second, idle };
};

type Case = [string, 'pass' | 'fail', Run];

describe('matchers Vitest has and expect@30 lacks: same outcome and message as Vitest', () => {
  const cases: Case[] = [
    ['toHaveBeenCalledOnce', 'pass', (e, make) => { const s = make('spy'); s(); e(s).toHaveBeenCalledOnce(); }],
    ['toHaveBeenCalledOnce, twice', 'fail', (e, make) => e(calledTwice(make)).toHaveBeenCalledOnce()],
    ['not.toHaveBeenCalledOnce', 'fail', (e, make) => { const s = make('spy'); s(); e(s).not.toHaveBeenCalledOnce(); }],
    ['toHaveBeenCalledOnce on a non-spy', 'fail', (e) => e({ a: 1 }).toHaveBeenCalledOnce()],
    ['toHaveBeenCalledExactlyOnceWith', 'pass', (e, make) => { const s = make('spy'); s(1, [2]); e(s).toHaveBeenCalledExactlyOnceWith(1, [2]); }],
    ['toHaveBeenCalledExactlyOnceWith, twice', 'fail', (e, make) => e(calledTwice(make)).toHaveBeenCalledExactlyOnceWith(1, 'a')],
    ['toHaveBeenCalledExactlyOnceWith, other args', 'fail', (e, make) => { const s = make('spy'); s({ a: 1 }); e(s).toHaveBeenCalledExactlyOnceWith({ a: 2 }); }],
    ['toHaveBeenCalledExactlyOnceWith, asymmetric', 'pass', (e, make) => { const s = make('spy'); s('x', 3); e(s).toHaveBeenCalledExactlyOnceWith(e.any(String), 3); }],
    ['toHaveBeenCalledExactlyOnceWith, never called', 'fail', (e, make) => e(make('spy')).toHaveBeenCalledExactlyOnceWith()],
    ['not.toHaveBeenCalledExactlyOnceWith', 'fail', (e, make) => { const s = make('spy'); s(1); e(s).not.toHaveBeenCalledExactlyOnceWith(1); }],
    ['toHaveBeenCalledBefore', 'pass', (e, make) => { const o = ordered(make); e(o.first).toHaveBeenCalledBefore(o.second); }],
    ['toHaveBeenCalledBefore, after', 'fail', (e, make) => { const o = ordered(make); e(o.second).toHaveBeenCalledBefore(o.first); }],
    ['not.toHaveBeenCalledBefore', 'fail', (e, make) => { const o = ordered(make); e(o.first).not.toHaveBeenCalledBefore(o.second); }],
    ['toHaveBeenCalledBefore, never called', 'fail', (e, make) => { const o = ordered(make); e(o.idle).toHaveBeenCalledBefore(o.first); }],
    ['toHaveBeenCalledBefore, never called, allowed', 'pass', (e, make) => { const o = ordered(make); e(o.idle).toHaveBeenCalledBefore(o.first, false); }],
    ['toHaveBeenCalledBefore a non-spy', 'fail', (e, make) => { const s = make('spy'); s(); e(s).toHaveBeenCalledBefore('nope'); }],
    ['toHaveBeenCalledAfter', 'pass', (e, make) => { const o = ordered(make); e(o.second).toHaveBeenCalledAfter(o.first); }],
    ['toHaveBeenCalledAfter, before', 'fail', (e, make) => { const o = ordered(make); e(o.first).toHaveBeenCalledAfter(o.second); }],
    ['not.toHaveBeenCalledAfter', 'fail', (e, make) => { const o = ordered(make); e(o.second).not.toHaveBeenCalledAfter(o.first); }],
    // a mock's results that are not promises settle at once; resolving ones are in the table below
    ['toHaveResolved, values', 'pass', (e, make) => e(doubling(make)).toHaveResolved()],
    ['toHaveResolved, only throws', 'fail', (e, make) => { const s = make('spy', () => { throw new Error('no'); }); expect(s).toThrow(); e(s).toHaveResolved(); }],
    ['not.toHaveResolved', 'fail', (e, make) => e(doubling(make)).not.toHaveResolved()],
    ['toHaveResolvedTimes', 'fail', (e, make) => e(doubling(make)).toHaveResolvedTimes(3)],
    ['not.toHaveResolvedTimes', 'fail', (e, make) => e(doubling(make)).not.toHaveResolvedTimes(2)],
    ['toHaveResolvedWith', 'fail', (e, make) => e(doubling(make)).toHaveResolvedWith(3)],
    ['toHaveResolvedWith, falsy expected', 'fail', (e, make) => e(doubling(make)).toHaveResolvedWith(0)],
    ['not.toHaveResolvedWith', 'fail', (e, make) => e(doubling(make)).not.toHaveResolvedWith(4)],
    ['toHaveLastResolvedWith', 'fail', (e, make) => e(doubling(make)).toHaveLastResolvedWith(2)],
    ['toHaveNthResolvedWith', 'fail', (e, make) => e(doubling(make)).toHaveNthResolvedWith(3, 2)],
    ['not.toHaveNthResolvedWith', 'fail', (e, make) => e(doubling(make)).not.toHaveNthResolvedWith(2, 4)],
    ['toBeTypeOf', 'pass', (e) => e(1n).toBeTypeOf('bigint')],
    ['toBeTypeOf, other type', 'fail', (e) => e('abc').toBeTypeOf('number')],
    ['toBeTypeOf, long object', 'fail', (e) => e({ alpha: 1, beta: 'x'.repeat(50), gamma: [1, 2, 3] }).toBeTypeOf('string')],
    ['not.toBeTypeOf', 'fail', (e) => e([1, 2]).not.toBeTypeOf('object')],
    ['toBeNullable', 'pass', (e) => e(undefined).toBeNullable()],
    ['toBeNullable, a value', 'fail', (e) => e({ a: 'b' }).toBeNullable()],
    ['not.toBeNullable', 'fail', (e) => e(null).not.toBeNullable()],
    ['toSatisfy', 'fail', (e) => e(3).toSatisfy((x: number) => x > 5)],
    ['toSatisfy, message', 'fail', (e) => e({ age: 12 }).toSatisfy((p: { age: number }) => p.age >= 18, 'an adult')],
    ['not.toSatisfy', 'fail', (e) => e(7).not.toSatisfy(function isOdd(x: number) { return x % 2; })],
    ['toBeOneOf', 'pass', (e) => e({ a: 1 }).toBeOneOf([{ a: 2 }, { a: 1 }])],
    ['toBeOneOf, a set', 'fail', (e) => e('c').toBeOneOf(new Set(['a', 'b']))],
    ['not.toBeOneOf', 'fail', (e) => e(2).not.toBeOneOf([1, 2])],
    ['toBeOneOf, not a list', 'fail', (e) => e(2).toBeOneOf(2)],
    ['asymmetric toBeOneOf and toSatisfy', 'pass', (e) => e({ n: 2, s: 'x' }).toEqual({ n: e.toBeOneOf([1, 2]), s: e.toSatisfy((s: string) => s === 'x') })],
    ['asymmetric not.toBeOneOf', 'pass', (e) => e([3]).toEqual([e.not.toBeOneOf([1, 2])])],
  ];

  it.each(cases)('%s (%s)', async (_, kind, run) => {
    const { vitest, ptest } = await compare(run);
    expect(vitest === 'pass' ? 'pass' : 'fail').toBe(kind);
    expect(ptest).toBe(vitest);
  });

  const settling: Case[] = [
    ['toHaveResolved', 'pass', async (e, make) => { const s = make('spy', async () => 1); await s(); e(s).toHaveResolved(); }],
    ['toHaveResolved, rejected', 'fail', async (e, make) => { const s = make('spy', async () => { throw new Error('no'); }); await s().catch(() => {}); e(s).toHaveResolved(); }],
    ['toHaveResolved, still pending', 'fail', (e, make) => { const s = make('spy', () => new Promise(() => {})); s(); e(s).toHaveResolved(); }],
    ['toHaveResolvedTimes', 'fail', async (e, make) => { const s = make('spy', async (x: number) => x); await s(1); e(s).toHaveResolvedTimes(2); }],
    ['toHaveResolvedWith', 'fail', async (e, make) => { const s = make('spy', async (x: unknown) => x); await s({ a: 1 }); await s([2]); e(s).toHaveResolvedWith({ a: 2 }); }],
    ['not.toHaveLastResolvedWith', 'fail', async (e, make) => { const s = make('spy', async (x: number) => x); await s(5); e(s).not.toHaveLastResolvedWith(5); }],
    ['toHaveNthResolvedWith', 'fail', async (e, make) => { const s = make('spy', async (x: number) => x); await s(5); await s(6); e(s).toHaveNthResolvedWith(2, 5); }],
  ];

  it.each(settling)('%s of a promise, from mock.settledResults (%s)', async (_, kind, run) => {
    const { vitest, ptest } = await compare(run, trackedMake);
    expect(vitest === 'pass' ? 'pass' : 'fail').toBe(kind);
    expect(ptest).toBe(vitest);
  });

  it('refuses to guess how a plain jest-mock promise settled, rather than call it unresolved', async () => {
    const spy = fn(async () => 1).mockName('spy');
    await spy();
    expect(() => jestExpect(spy).toHaveResolved()).toThrow(/"spy" returned a promise, and jest-mock's mocks do not record how their promises settle/);
  });
});

/**
 * The aliases cannot read as Vitest's: Vitest words toBeCalledWith and toHaveBeenCalledWith alike
 * through chai, while ptest's toHaveBeenCalledWith is expect@30's own, and an alias reading unlike
 * its long name would be worse than unlike Vitest. So: the same outcome as Vitest, and the long
 * name's message with the alias in the hint line.
 */
describe('aliases Jest 30 dropped: Vitest outcome, expect@30 message', () => {
  const aliasCases: [keyof typeof ALIASES, 'pass' | 'fail', boolean, (make: Make) => unknown, unknown[]][] = [
    ['toBeCalled', 'fail', false, (make) => make('spy'), []],
    ['toBeCalled', 'fail', true, calledTwice, []],
    ['toBeCalledTimes', 'pass', false, calledTwice, [2]],
    ['toBeCalledTimes', 'fail', false, calledTwice, [1]],
    ['toBeCalledWith', 'pass', false, calledTwice, [{ a: [1, 2] }]],
    ['toBeCalledWith', 'fail', false, calledTwice, [1]],
    ['toBeCalledWith', 'fail', true, calledTwice, [1, 'a']],
    ['lastCalledWith', 'fail', false, calledTwice, [1, 'a']],
    ['nthCalledWith', 'pass', false, calledTwice, [1, 1, 'a']],
    ['nthCalledWith', 'fail', false, calledTwice, [3, 1]],
    ['toReturn', 'pass', false, doubling, []],
    ['toReturn', 'fail', true, doubling, []],
    ['toReturnTimes', 'fail', false, doubling, [1]],
    ['toReturnWith', 'fail', false, doubling, [3]],
    ['lastReturnedWith', 'pass', false, doubling, [4]],
    ['lastReturnedWith', 'fail', true, doubling, [4]],
    ['nthReturnedWith', 'fail', false, doubling, [1, 4]],
  ];

  it.each(aliasCases)('%s (%s, not: %s)', async (alias, kind, not, setup, args) => {
    const { vitest, ptest } = await compare((e, make) => (not ? e(setup(make)).not : e(setup(make)))[alias](...args));
    expect([vitest, ptest].map((o) => (o === 'pass' ? 'pass' : 'fail'))).toEqual([kind, kind]);
    const canonical = ALIASES[alias];
    const long = await outcome(() => {
      const e: AnyExpect = jestExpect(setup(jestMake));
      return (not ? e.not : e)[canonical](...args);
    });
    expect(ptest).toBe(long.replace(canonical, alias));
    if (kind === 'fail') expect(ptest.split('\n')[0]).toContain(`expect(spy).${not ? 'not.' : ''}${alias}(`);
  });

  const boom = () => {
    throw new TypeError('boom');
  };
  const throwCases: [string, 'pass' | 'fail', (e: AnyExpect, name: string) => unknown][] = [
    ['a message', 'pass', (e, name) => e(boom)[name]('oo')],
    ['another message', 'fail', (e, name) => e(boom)[name]('bam')],
    ['a pattern', 'fail', (e, name) => e(boom)[name](/^bam$/)],
    ['a class', 'pass', (e, name) => e(boom)[name](TypeError)],
    ['another class', 'fail', (e, name) => e(boom)[name](RangeError)],
    ['nothing thrown', 'fail', (e, name) => e(() => {})[name]()],
    ['.not', 'fail', (e, name) => e(boom).not[name]()],
    ['.rejects', 'pass', (e, name) => e(Promise.reject(new Error('boom'))).rejects[name]('boom')],
    ['.rejects, another message', 'fail', (e, name) => e(Promise.reject(new Error('boom'))).rejects[name]('bam')],
    ['.rejects.not', 'fail', (e, name) => e(Promise.reject(new Error('boom'))).rejects.not[name](Error)],
    ['.resolves', 'fail', (e, name) => e(Promise.resolve(1)).resolves[name]()],
  ];

  // the message quotes the thrown error's stack, whose frames differ by the extra call
  const frameless = (message: string) => message.replace(/^ +at .*\n?/gm, '');

  it.each(throwCases)('toThrowError: %s (%s)', async (_, kind, run) => {
    expect((await outcome(() => run(vitestExpect, 'toThrowError'))) === 'pass' ? 'pass' : 'fail').toBe(kind);
    const ptest = frameless(await outcome(() => run(jestExpect, 'toThrowError')));
    expect(ptest === 'pass' ? 'pass' : 'fail').toBe(kind);
    expect(ptest).toBe(frameless(await outcome(() => run(jestExpect, 'toThrow'))).replace('toThrow', 'toThrowError'));
    if (kind === 'fail') expect(ptest.split('\n')[0]).toMatch(/^expect\(received\)\.(\w+\.)*toThrowError\(/);
  });

  it('declares every matcher on expect\'s types, asymmetric toBeOneOf and toSatisfy included', () => {
    const spy = fn((x: number) => x + 1);
    spy(1);
    jestExpect(spy).toHaveBeenCalledExactlyOnceWith(1);
    jestExpect(spy).toBeCalledWith(1);
    jestExpect(spy).not.toHaveBeenCalledBefore(fn(), false);
    jestExpect(fn()).not.toHaveBeenCalledAfter(spy);
    jestExpect(2).toSatisfy((n) => n > 1);
    jestExpect({ n: 2, s: 'a' }).toEqual({ n: jestExpect.toBeOneOf([2]), s: jestExpect.not.toSatisfy((s: string) => s === 'b') });
    jestExpect(2).not.toBeTypeOf('string');
  });

  it('rejects what is not a mock as the long name does, naming the alias', async () => {
    expect(await outcome(() => jestExpect(() => {}).toBeCalled())).toMatch(/^expect\(received\)\.toBeCalled\(\)\n\nMatcher error: received value must be a mock or spy function/);
  });
});
