import { describe, expect, it } from 'vitest';
import { resetAfterFile } from '../../../src/compat/after-file.js';
import { mocker } from '../../../src/compat/mocker.js';

/** an ES module namespace: its exports cannot be assigned */
const frozen = Object.freeze({ validate: (value: unknown) => value !== null });

describe("the thread's mocker", () => {
  it('forgets a spy it failed to install, so cleaning up after the file does not fail', () => {
    expect(() => mocker.spyOn(frozen, 'validate')).toThrow(/read only|read-only/);
    expect(() => mocker.restoreAllMocks()).not.toThrow();
    expect(resetAfterFile()).toEqual([]);
  });

  it('restores every spy even when one restore throws, and then holds none', () => {
    const first = { run: () => 'first' };
    const second = { run: () => 'second' };
    mocker.spyOn(first, 'run').mockReturnValue('spied');
    mocker.spyOn(second, 'run').mockReturnValue('spied');
    Object.freeze(first);
    expect(() => mocker.restoreAllMocks()).toThrow();
    expect(second.run()).toBe('second');
    expect(() => mocker.restoreAllMocks()).not.toThrow();
  });

  it('runs every step after a file even when one fails, and returns what failed', () => {
    const target = { run: () => 'real' };
    mocker.spyOn(target, 'run').mockReturnValue('spied');
    Object.freeze(target);
    const env = process.env;
    const failures = resetAfterFile();
    expect(failures).toHaveLength(1);
    expect(resetAfterFile()).toEqual([]);
    expect(process.env).toBe(env);
  });
});
