import { expect as jestExpect } from 'expect';
import { inVitestFile, withChai } from './chai-chains.js';
import { installVitestMatchers } from './matchers.js';
import { installToContain } from './matchers-contain.js';
import { promisesWithoutAsyncContext } from './promise-equality.js';
import { addSnapshotSerializer } from './snapshot-serializers.js';
// the snapshot matchers, in each file's dialect
import './snapshots.js';

/**
 * The `expect` test files get: Jest's own `expect` package, with the matchers only Vitest has, and
 * Vitest's `expect.soft` (failures recorded, the test goes on, and fails at its end) and
 * `expect.poll` (retry a value until a matcher passes or time runs out).
 */
installVitestMatchers(jestExpect);
installToContain(jestExpect);
jestExpect.addEqualityTesters([promisesWithoutAsyncContext]);

/**
 * Failures that must not stop the test but fail it at its end: expect.soft's, and those Jest's own
 * snapshot matchers record with `dontThrow()`. expect keeps them per test (the runner resets its
 * state before each attempt), and the runner reads them once the body has finished.
 */
export function suppressedErrors(): unknown[] {
  return jestExpect.getState().suppressedErrors;
}

type Matchers = ReturnType<typeof jestExpect>;
const realSetTimeout = globalThis.setTimeout;
const realNow = performance.now.bind(performance);

/** Every matcher (and `.not.`, `.resolves.`…) of `target`, with `wrap` around each call. */
function wrapped(target: object, wrap: (call: (...args: unknown[]) => unknown) => (...args: unknown[]) => unknown): Matchers {
  return new Proxy(target, {
    get(object, key) {
      const value = Reflect.get(object, key) as unknown;
      if (typeof value === 'function') return wrap((...args) => (value as (...a: unknown[]) => unknown).apply(object, args));
      if (typeof value === 'object' && value !== null) return wrapped(value, wrap);
      return value;
    },
  }) as Matchers;
}

function softExpect(actual: unknown, message?: string): Matchers {
  return wrapped(jestExpect(actual), (call) => (...args) => {
    try {
      const result = call(...args);
      // an async matcher (`.resolves`) records its failure when it settles
      return result instanceof Promise ? result.catch((error: unknown) => void suppressedErrors().push(withMessage(error, message))) : result;
    } catch (error) {
      suppressedErrors().push(withMessage(error, message));
      return undefined;
    }
  });
}

function poll(value: () => unknown, options: number | { interval?: number; timeout?: number; message?: string } = {}): Matchers {
  const { interval = 50, timeout = 1000, message } = typeof options === 'number' ? { timeout: options } : options;
  const matchersOf = (actual: unknown) => jestExpect(actual) as unknown as Record<string, unknown>;
  const chain = (path: string[]): unknown =>
    new Proxy(() => {}, {
      get: (_, key) => (typeof key === 'string' ? chain([...path, key]) : undefined),
      apply: async (_, __, args: unknown[]) => {
        const deadline = realNow() + timeout;
        for (;;) {
          try {
            let target: unknown = matchersOf(await value());
            for (const key of path.slice(0, -1)) target = (target as Record<string, unknown>)[key];
            return await ((target as Record<string, (...a: unknown[]) => unknown>)[path[path.length - 1]!]!)(...args);
          } catch (error) {
            if (realNow() + interval > deadline) throw withMessage(error, message);
            await new Promise((resolve) => realSetTimeout(resolve, interval));
          }
        }
      },
    });
  return chain([]) as Matchers;
}

function withMessage(error: unknown, message: string | undefined): unknown {
  if (message && error instanceof Error) error.message = `${message}: ${error.message}`;
  return error;
}

/** Vitest's `expect(actual, message)`: a failure's message starts with the test's own words. */
function withCustomMessage(matchers: Matchers, message: string): Matchers {
  return wrapped(matchers, (call) => (...args) => {
    try {
      const result = call(...args);
      return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(withMessage(error, message))) : result;
    } catch (error) {
      throw withMessage(error, message);
    }
  });
}

const extended = Object.assign(jestExpect, { soft: softExpect, poll, addSnapshotSerializer });
type PtestExpect = typeof extended & (<T = unknown>(actual: T, message?: string) => ReturnType<typeof jestExpect<T>>);
/** jestExpect itself for everything (extend, any, getState...), but also taking Vitest's message argument, and chai's words in Vitest files */
export const expect = new Proxy(extended, {
  apply(target, thisArg, args: unknown[]) {
    const [actual, message] = args;
    // Vitest takes any second argument for the message (fabric passes a number); Jest refuses one
    if (typeof message === 'string' || (args.length === 2 && message !== undefined && inVitestFile())) return withCustomMessage(withChai(target(actual), actual), String(message));
    return withChai(Reflect.apply(target, thisArg, args) as Matchers, actual);
  },
}) as PtestExpect;
