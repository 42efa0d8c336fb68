import { expect as jestExpect } from 'expect';

type Flag = (assertion: object, key: string) => unknown;
type Chai = { Assertion: { prototype: object }; util: { flag: Flag } };
type Matchers = Record<string, (...args: unknown[]) => unknown> & { not: Record<string, (...args: unknown[]) => unknown> };

/**
 * Jest's matcher `name` on a chai assertion's value, negated by its `.not`. Reached from chai, the
 * assertion was already counted (expect.assertions) when its chain began on ptest's expect, so the
 * matcher's own count is taken back.
 */
export function runJestMatcher(flag: Flag, assertion: object, name: string, args: unknown[]): unknown {
  const matchers = jestExpect(flag(assertion, 'object')) as unknown as Matchers;
  const counted = jestExpect.getState().assertionCalls;
  try {
    return (flag(assertion, 'negate') ? matchers.not : matchers)[name]!(...args);
  } finally {
    jestExpect.setState({ assertionCalls: counted });
  }
}

/** the matchers object's own keys that are not matchers */
const MODIFIERS = new Set(['not', 'resolves', 'rejects']);

export interface MatcherBridges {
  /** matcher names user code replaced on chai's Assertion (chai.util.addMethod / overwriteMethod) since the file began */
  readonly replaced: ReadonlyMap<string, unknown>;
  /** before a Vitest file: ptest's matchers on chai's Assertion, nothing replaced */
  install(): void;
  /** before any other file: chai's Assertion as it was */
  remove(): void;
}

/**
 * Vitest's `expect` is chai's Assertion with Jest's matchers among its methods, and suites build on
 * that with chai's plugin API: fabric keeps `chai.Assertion.prototype.toMatchSnapshot` and adds
 * methods that call it, or replaces it. ptest's expect is Jest's, so each of its matchers is put on
 * chai's Assertion as a method running the Jest matcher on the assertion's value. chai's addMethod
 * and overwriteMethod assign to the prototype, so each is an accessor whose setter records a
 * replacement: expect(x).toMatchSnapshot() then goes to chai's method, as in Vitest.
 */
export function bridgeMatchers(chai: Chai): MatcherBridges {
  const prototype = chai.Assertion.prototype;
  const names = Object.keys(jestExpect(undefined)).filter((name) => !MODIFIERS.has(name));
  const before = names.map((name) => [name, Object.getOwnPropertyDescriptor(prototype, name)] as const);
  const replacements = new Map<string, unknown>();
  const bridges = names.map((name) => ({
    name,
    method(this: object, ...args: unknown[]): unknown {
      return runJestMatcher(chai.util.flag, this, name, args);
    },
  }));
  return {
    replaced: replacements,
    install() {
      replacements.clear();
      for (const { name, method } of bridges) {
        Object.defineProperty(prototype, name, {
          configurable: true,
          get: () => (replacements.has(name) ? replacements.get(name) : method),
          set: (value: unknown) => void replacements.set(name, value),
        });
      }
    },
    remove() {
      replacements.clear();
      for (const [name, descriptor] of before) {
        if (descriptor) Object.defineProperty(prototype, name, descriptor);
        else delete (prototype as Record<string, unknown>)[name];
      }
    },
  };
}
