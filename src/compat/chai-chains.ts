import { expect as jestExpect } from 'expect';
import { perThread } from './per-thread.js';

type Chai = typeof import('chai');

/**
 * Vitest's `expect` is chai's, with Jest's matchers added, so Vitest suites may assert chai's way:
 * `expect(x).to.equal(y)`, `.to.be.true`, `.not.to.include(z)` (those that came from mocha use
 * little else). ptest's `expect` is Jest's. In a Vitest file, the words chai's assertions start
 * with (`to`, `be`, `is`, `have`...) lead into chai's own assertion of the same value, so the
 * assertions and their messages are chai's. chai is loaded by a thread's first Vitest file, and
 * Jest files never see these words, as under Jest.
 */
const CHAINS = ['to', 'be', 'been', 'is', 'that', 'which', 'and', 'has', 'have', 'with', 'at', 'of', 'same', 'but', 'does', 'still', 'also'];

const state = perThread('chai', (): { chai?: Chai; enabled: boolean } => ({ enabled: false }));

/** before each file: chai's words for a Vitest file, none for the others */
export async function useChai(on: boolean): Promise<void> {
  if (on && !state.chai) {
    const [chai, { spyWords }] = await Promise.all([import('chai'), import('./chai-spy-words.js')]);
    chai.use(spyWords as Parameters<Chai['use']>[0]);
    state.chai = chai;
  }
  state.enabled = on;
}

/** whether the running file is a Vitest one (chai's words are on) */
export function inVitestFile(): boolean {
  return state.enabled;
}

/**
 * where the value under test is kept on the matchers, for the words' getters; registered, since a
 * second copy of ptest's runtime in the thread shares the prototypes (perThread) and so the key
 */
const ACTUAL = Symbol.for('ptest.chai.actual');

/**
 * The words, as getters on a prototype made once per thread: `expect()` is called for every
 * assertion, and giving each matchers object 17 properties of its own cost a quarter of its time.
 */
const prototypes = perThread('chai-words', () => ({ plain: words(false), negated: words(true) }));

function words(negated: boolean): object {
  const prototype = {};
  for (const word of CHAINS) {
    Object.defineProperty(prototype, word, {
      get(this: { [ACTUAL]: unknown }) {
        // counted as Vitest counts chai's assertions, for expect.assertions(n)
        jestExpect.setState({ assertionCalls: jestExpect.getState().assertionCalls + 1 });
        const assertion = state.chai!.expect(this[ACTUAL]);
        return ((negated ? assertion.not : assertion) as unknown as Record<string, unknown>)[word];
      },
    });
  }
  return prototype;
}

/** `matchers` (what Jest's `expect(actual)` returned), and its `.not`, given chai's words in a Vitest file */
export function withChai<T extends object>(matchers: T, actual: unknown): T {
  if (!state.enabled || !state.chai) return matchers;
  const { plain, negated } = prototypes;
  give(matchers, plain, actual);
  const not = (matchers as { not?: object }).not;
  if (not) give(not, negated, actual);
  return matchers;
}

function give(target: object, prototype: object, actual: unknown): void {
  (target as { [ACTUAL]: unknown })[ACTUAL] = actual;
  Object.setPrototypeOf(target, prototype);
}
