import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mustRunWhole } from '../../../src/discover/whole-files.js';

describe('mustRunWhole', () => {
  const root = mkdtempSync(join(tmpdir(), 'ptest-whole-'));
  const file = (name: string, source: string): string => {
    writeFileSync(join(root, name), source);
    return name;
  };

  it('keeps whole a file with a serial block or concurrent tests, in any of their spellings', () => {
    for (const [name, source] of [
      ['serial.test.ts', "describe.serial('checkout', () => {});"],
      ['playwright.test.ts', "test.describe.serial('checkout', () => {});"],
      ['concurrent.test.ts', "test.concurrent('a', async () => {});"],
      ['block.test.ts', "describe.concurrent('quotes', () => {});"],
      ['each.test.ts', "it.concurrent.each([1, 2])('n %d', async () => {});"],
      ['option.test.ts', "describe('quotes', { concurrent: true }, () => {});"],
    ]) {
      expect(mustRunWhole(root, file(name!, source!)), name).toBe(true);
    }
  });

  it('lets an ordinary file be split, and one it cannot read too (its import fails on its own)', () => {
    expect(mustRunWhole(root, file('plain.test.ts', "describe('a', () => { it('b', () => {}); });\nconst concurrentUsers = 3;"))).toBe(false);
    expect(mustRunWhole(root, file('off.test.ts', "describe('a', { concurrent: false }, () => {});"))).toBe(false);
    expect(mustRunWhole(root, 'missing.test.ts')).toBe(false);
  });
});
