import { describe, expect, it } from 'vitest';
import { jest } from '../../../src/compat/jest-object.js';

describe("jest's automock switches", () => {
  it('turn automock off, as it already is (jscodeshift\'s test setup calls jest.autoMockOff())', () => {
    expect(jest.autoMockOff()).toBe(jest);
    expect(jest.disableAutomock()).toBe(jest);
  });

  it('refuse to turn it on, with a line saying what to do instead', () => {
    expect(() => jest.enableAutomock()).toThrow("jest.enableAutomock(): ptest does not mock every module automatically (Jest's automock); mock the modules a test needs with jest.mock");
    expect(() => jest.autoMockOn()).toThrow(/^jest\.autoMockOn\(\): ptest does not mock every module/);
  });
});
