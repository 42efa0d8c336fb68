import { perThread } from './per-thread.js';

/**
 * What resetting and restoring does to a Vitest mock, which is not what it does to jest-mock's:
 * - `mockReset()` and `vi.resetAllMocks()` give a `vi.fn(impl)` its `impl` back, and a spy its
 *   call-through to the original method (Vitest 3 and later; jest-mock and Vitest 2 leave an
 *   empty function);
 * - `mockRestore()` of a `vi.fn(impl)` gives it its `impl` back (Vitest 2 and later);
 * - `vi.restoreAllMocks()` restores every mock so, calls and all, in Vitest 3 and older; Vitest 4
 *   restores the spies' methods only, as jest-mock now does.
 * A suite's `mockReset: true` goes the same way. The rules follow the suite's installed Vitest
 * (Vitest 4's without one).
 */
interface MockLike {
  getMockImplementation(): ((...args: never[]) => unknown) | undefined;
  mockImplementation(impl: (...args: never[]) => unknown): unknown;
  mockReset(): unknown;
  mockRestore(): unknown;
}

interface Rules {
  resetKeepsImplementation: boolean;
  restoreResetsEveryMock: boolean;
}

const state = perThread('vitest-resets', () => ({
  rules: rulesOf(undefined),
  /** the file's Vitest mocks, and what each was made with */
  mocks: new Set<WeakRef<MockLike>>(),
  originals: new WeakMap<MockLike, (...args: never[]) => unknown>(),
}));

function rulesOf(vitestMajor: number | undefined): Rules {
  const major = vitestMajor ?? Infinity;
  return { resetKeepsImplementation: major >= 3, restoreResetsEveryMock: major <= 3 };
}

/** at a file's start: the suite's Vitest, and no mocks of an earlier file */
export function useVitestResets(vitestMajor: number | undefined): void {
  state.rules = rulesOf(vitestMajor);
  state.mocks.clear();
}

/** a mock `vi.fn` or `vi.spyOn` just made: what it does now is what a reset gives back */
export function resetsAsVitest<M>(made: M): M {
  const mock = made as unknown as MockLike;
  const original = mock.getMockImplementation();
  if (original) state.originals.set(mock, original);
  state.mocks.add(new WeakRef(mock));
  const reset = mock.mockReset.bind(mock);
  const restore = mock.mockRestore.bind(mock);
  mock.mockReset = () => {
    reset();
    if (state.rules.resetKeepsImplementation) giveBack(mock);
    return mock;
  };
  // (jest-mock's mockRestore resets through the mock's own mockReset, above)
  mock.mockRestore = () => {
    restore();
    giveBack(mock);
  };
  return made;
}

/** after jest-mock's resetAllMocks, which empties every mock's implementation */
export function afterResetAll(): void {
  if (state.rules.resetKeepsImplementation) for (const mock of liveMocks()) giveBack(mock);
}

/** after the spies' methods are put back: Vitest 3 and older restore each mock too */
export function afterRestoreAll(): void {
  if (state.rules.restoreResetsEveryMock) for (const mock of liveMocks()) mock.mockRestore();
}

function giveBack(mock: MockLike): void {
  const original = state.originals.get(mock);
  if (original) mock.mockImplementation(original);
}

function* liveMocks(): Generator<MockLike> {
  for (const ref of state.mocks) {
    const mock = ref.deref();
    if (mock) yield mock;
    else state.mocks.delete(ref);
  }
}
