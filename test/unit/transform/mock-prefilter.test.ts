import { mkdirSync, mkdtempSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mayName } from '../../../src/transform/mock-plugin.js';

describe('mayName: which imports are worth resolving to find a mocked or spied module', () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'ptest-may-name-')));
  mkdirSync(join(dir, 'src', 'lib'), { recursive: true });
  const ids = [join(dir, 'src', 'db.ts'), join(dir, 'src', 'lib', 'index.ts')];

  it('answers yes for the spellings that reach a module: with or without extension, its index, its .js name', () => {
    for (const specifier of ['./db', './db.ts', './db.js', './lib', './lib/index.js', '../src/db']) expect(mayName(specifier, join(dir, 'src'), ids), specifier).toBe(true);
    expect(mayName(join(dir, 'src', 'db'), '/elsewhere', ids)).toBe(true);
  });

  it('answers no for relative imports that cannot reach one, and yes for any bare name (a package or a tsconfig path)', () => {
    for (const specifier of ['./dbx', './other', './lib/util', '../db']) expect(mayName(specifier, join(dir, 'src'), ids), specifier).toBe(false);
    expect(mayName('@app/db', join(dir, 'src'), ids)).toBe(true);
  });

  it('follows a symlinked directory to its real path, where the resolved ids live', () => {
    const link = join(dir, 'linked');
    symlinkSync(join(dir, 'src'), link);
    expect(mayName('./db', link, ids)).toBe(true);
  });
});
