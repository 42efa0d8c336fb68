import { describe, expect, it } from 'vitest';
import { expect as ptestExpect } from '../../../src/compat/expect.js';
import { jest } from '../../../src/compat/jest-object.js';
import { vi } from '../../../src/compat/vi.js';

describe('mock.settledResults of a mock made through vi (Vitest keeps them; jest-mock does not)', () => {
  it('records a plain value as fulfilled, a throw as rejected, and a promise as incomplete until it settles', async () => {
    const mock = vi.fn((n: number) => {
      if (n < 0) throw new Error('negative');
      return n > 10 ? Promise.resolve(n * 2) : n;
    });
    mock(1);
    expect(() => mock(-1)).toThrow('negative');
    const pending = mock(11);
    const settled = (mock.mock as unknown as { settledResults: unknown[] }).settledResults;
    expect(settled).toEqual([{ type: 'fulfilled', value: 1 }, { type: 'rejected', value: new Error('negative') }, { type: 'incomplete', value: undefined }]);
    await pending;
    expect(settled[2]).toEqual({ type: 'fulfilled', value: 22 });
  });

  it('lets the toHaveResolved matchers read them, for vi.fn and vi.spyOn', async () => {
    const load = vi.fn(async (id: string) => ({ id }));
    await load('a');
    ptestExpect(load).toHaveResolvedWith({ id: 'a' });
    const api = { fetch: async () => 'ok' };
    const spy = vi.spyOn(api, 'fetch');
    await api.fetch().catch(() => undefined);
    ptestExpect(spy).toHaveResolvedTimes(1);
    spy.mockRestore();
  });

  it('starts a fresh list after mockClear, and a rejected promise ends rejected', async () => {
    const mock = vi.fn(() => Promise.reject(new Error('no')));
    await mock().catch(() => undefined);
    mock.mockClear();
    expect((mock.mock as unknown as { settledResults: unknown[] }).settledResults).toEqual([]);
    await mock().catch(() => undefined);
    expect((mock.mock as unknown as { settledResults: unknown[] }).settledResults).toEqual([{ type: 'rejected', value: new Error('no') }]);
  });

  it('leaves a jest.fn as Jest has it: no settledResults, its promises untouched', () => {
    const mock = jest.fn(() => 1);
    mock();
    expect((mock.mock as unknown as { settledResults?: unknown[] }).settledResults).toBeUndefined();
  });
});
