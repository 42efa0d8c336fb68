import { expect as jestExpect } from 'expect';
import { bridgeMatchers, type MatcherBridges } from './chai-bridges.js';
import { perThread } from './per-thread.js';

type Chai = typeof import('chai');

/**
 * Vitest's `expect` is chai's, with Jest's matchers added, so Vitest suites may assert chai's way:
 * `expect(x).to.equal(y)`, `.to.be.true`, `.not.to.include(z)`, and through chai's plugins. ptest's
 * `expect` is Jest's. In a Vitest file, a name Jest's matchers do not have but chai's Assertion
 * does (its words, its methods, a plugin's) leads into chai's own assertion of the same value, so
 * the assertions and their messages are chai's; a Jest matcher that user code replaced on chai's
 * Assertion goes there too. chai is loaded by a thread's first Vitest file, and Jest files never
 * see any of it, as under Jest.
 */
const state = perThread('chai', (): { chai?: Chai; bridges?: MatcherBridges; enabled: boolean } => ({ enabled: false }));

/** before each file: chai for a Vitest file, as the file's setup found it; none for the others */
export async function useChai(on: boolean): Promise<void> {
  if (on && !state.chai) {
    const [chai, { spyWords }] = await Promise.all([import('chai'), import('./chai-spy-words.js')]);
    chai.use(spyWords as Parameters<Chai['use']>[0]);
    state.bridges = bridgeMatchers(chai);
    state.chai = chai;
  }
  if (on) state.bridges!.install();
  else if (state.enabled) state.bridges!.remove();
  state.enabled = on;
}

/** whether the running file is a Vitest one (chai's words are on) */
export function inVitestFile(): boolean {
  return state.enabled;
}

/** the thread's chai, which `import { chai } from 'vitest'` gets */
export function loadedChai(): Chai {
  if (!state.chai) throw new Error('ptest: chai is loaded for Vitest files (a file importing vitest, or run from a Vitest config); this file is not one');
  return state.chai;
}

/**
 * where the value under test is kept on the matchers, for the prototype's traps; registered, since a
 * second copy of ptest's runtime in the thread shares the prototypes (perThread) and so the key
 */
const ACTUAL = Symbol.for('ptest.chai.actual');

/** chai's assertion of `actual`, counted once (expect.assertions); the Jest matchers chai reaches take theirs back */
function chaiAssertion(actual: unknown, negated: boolean): Record<string, unknown> {
  jestExpect.setState({ assertionCalls: jestExpect.getState().assertionCalls + 1 });
  const assertion = state.chai!.expect(actual);
  return (negated ? assertion.not : assertion) as unknown as Record<string, unknown>;
}

/**
 * The way into chai, as a prototype made once per thread: `expect()` is called for every
 * assertion, and giving each matchers object properties of its own cost a quarter of its time.
 */
const prototypes = perThread('chai-words', () => ({ plain: intoChai(false), negated: intoChai(true) }));

function intoChai(negated: boolean): object {
  return new Proxy(
    {},
    {
      get(target, key, receiver: { [ACTUAL]: unknown }) {
        if (typeof key !== 'string' || key in target || !state.chai || !(key in state.chai.Assertion.prototype)) return Reflect.get(target, key, receiver);
        const assertion = chaiAssertion(receiver[ACTUAL], negated);
        const value = assertion[key];
        // a method is called on the matchers object, and must run on chai's assertion
        return typeof value === 'function' ? new Proxy(value, { apply: (method, _, args) => Reflect.apply(method, assertion, args) }) : value;
      },
    },
  );
}

/** `matchers` (what Jest's `expect(actual)` returned), and its `.not`, given chai in a Vitest file */
export function withChai<T extends object>(matchers: T, actual: unknown): T {
  if (!state.enabled || !state.chai) return matchers;
  const { plain, negated } = prototypes;
  give(matchers, plain, actual);
  const not = (matchers as { not?: object }).not;
  if (not) give(not, negated, actual);
  for (const name of state.bridges!.replaced.keys()) {
    (matchers as Record<string, unknown>)[name] = (...args: unknown[]) => callChai(actual, false, name, args);
    if (not) (not as Record<string, unknown>)[name] = (...args: unknown[]) => callChai(actual, true, name, args);
  }
  return matchers;
}

function callChai(actual: unknown, negated: boolean, name: string, args: unknown[]): unknown {
  const assertion = chaiAssertion(actual, negated);
  return (assertion[name] as (...a: unknown[]) => unknown).apply(assertion, args);
}

function give(target: object, prototype: object, actual: unknown): void {
  (target as { [ACTUAL]: unknown })[ACTUAL] = actual;
  Object.setPrototypeOf(target, prototype);
}
