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
  if (on) state.chai ??= await import('chai');
  state.enabled = on;
}

/** `matchers` (what Jest's `expect(actual)` returned), and its `.not`, given chai's words in a Vitest file */
export function withChai<T extends object>(matchers: T, actual: unknown): T {
  if (!state.enabled || !state.chai) return matchers;
  const { expect: chaiExpect } = state.chai;
  const words = (target: object | undefined, negated: boolean) => {
    if (!target) return;
    for (const word of CHAINS) {
      Object.defineProperty(target, word, {
        configurable: true,
        get() {
          // counted as Vitest counts chai's assertions, for expect.assertions(n)
          jestExpect.setState({ assertionCalls: jestExpect.getState().assertionCalls + 1 });
          const assertion = chaiExpect(actual);
          return ((negated ? assertion.not : assertion) as unknown as Record<string, unknown>)[word];
        },
      });
    }
  };
  words(matchers, false);
  words((matchers as { not?: object }).not, true);
  return matchers;
}
