import { afterEach, describe, expect, it } from 'vitest';
import { jest } from '../../../src/compat/jest-object.js';
import { vi } from '../../../src/compat/vi.js';
import { useVitestResets } from '../../../src/compat/vitest-resets.js';

/** the cases the trial compared, each as Vitest 2.1.9, 3.2.4 and 4.1.12 answered them */
function outcomes(): Record<string, unknown> {
  const seen: Record<string, unknown> = {};
  const made = vi.fn(() => 'impl').mockReturnValue('changed');
  made.mockReset();
  seen.fnReset = made();
  const target = { m: () => 'original' };
  vi.spyOn(target, 'm').mockReturnValue('spied').mockReset();
  seen.spyReset = target.m();
  const all = vi.fn(() => 'impl').mockReturnValue('changed');
  vi.resetAllMocks();
  seen.resetAll = all();
  const restored = vi.fn((..._args: string[]) => 'impl').mockReturnValue('changed');
  restored('x');
  vi.restoreAllMocks();
  seen.restoreAll = [restored(), restored.mock.calls.length];
  const own = vi.fn(() => 'impl').mockReturnValue('changed');
  own.mockRestore();
  seen.fnRestore = own();
  return seen;
}

describe("Vitest's resets of vi's mocks, by the suite's Vitest", () => {
  afterEach(() => useVitestResets(undefined));

  it('Vitest 4 (and no Vitest installed): a reset gives back what the mock was made with; restoreAllMocks leaves mocks as they are', () => {
    useVitestResets(4);
    expect(outcomes()).toEqual({ fnReset: 'impl', spyReset: 'original', resetAll: 'impl', restoreAll: ['changed', 2], fnRestore: 'impl' });
    useVitestResets(undefined);
    expect(outcomes()).toEqual({ fnReset: 'impl', spyReset: 'original', resetAll: 'impl', restoreAll: ['changed', 2], fnRestore: 'impl' });
  });

  it('Vitest 3: restoreAllMocks restores every mock, its calls cleared', () => {
    useVitestResets(3);
    expect(outcomes()).toEqual({ fnReset: 'impl', spyReset: 'original', resetAll: 'impl', restoreAll: ['impl', 1], fnRestore: 'impl' });
  });

  it('Vitest 2: a reset empties the mock, as jest-mock does; mockRestore and restoreAllMocks give the implementation back', () => {
    useVitestResets(2);
    expect(outcomes()).toEqual({ fnReset: undefined, spyReset: undefined, resetAll: undefined, restoreAll: ['impl', 1], fnRestore: 'impl' });
  });

  it("leaves jest's mocks to jest-mock's rules", () => {
    useVitestResets(4);
    const made = jest.fn(() => 'impl');
    made.mockReset();
    const all = jest.fn(() => 'impl');
    vi.resetAllMocks();
    expect([made(), all()]).toEqual([undefined, undefined]);
  });
});
