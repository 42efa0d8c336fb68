import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INCLUDE } from '../../../src/config/options.js';
import { findFiles } from '../../../src/discover/find-files.js';

function tree(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'ptest-find-'));
  for (const file of files) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), '');
  }
  return root;
}

const find = (root: string, paths: string[] = [], exclude: string[] = []) =>
  findFiles({ root, cwd: root, include: DEFAULT_INCLUDE, exclude, paths });

describe('findFiles', () => {
  const root = tree([
    'a.test.ts',
    'src/b.spec.mjs',
    'src/c.test.cjs',
    'src/util.ts',
    'src/deep/d.test.tsx',
    'node_modules/pkg/x.test.js',
    'dist/y.test.js',
    'lib/z.test.mts',
  ]);

  it('finds every test and spec file, sorted, skipping node_modules and dist', async () => {
    expect(await find(root)).toEqual(['a.test.ts', 'lib/z.test.mts', 'src/b.spec.mjs', 'src/c.test.cjs', 'src/deep/d.test.tsx']);
  });

  it("collects dist too where the suite is Jest's, whose only default ignore is node_modules (tests shipped compiled)", async () => {
    const jest = (paths: string[] = []) => findFiles({ root, cwd: root, include: DEFAULT_INCLUDE, exclude: [], paths, excludeDist: false });
    expect(await jest()).toContain('dist/y.test.js');
    expect(await jest(['dist'])).toEqual(['dist/y.test.js']);
    expect(await jest()).not.toContain('node_modules/pkg/x.test.js');
  });

  it('searches a positional directory, takes a named file as is, and expands a glob', async () => {
    expect(await find(root, ['src/deep'])).toEqual(['src/deep/d.test.tsx']);
    expect(await find(root, ['src/util.ts'])).toEqual(['src/util.ts']);
    expect(await find(root, ['src/*.test.*', 'a.test.ts', 'a.test.ts'])).toEqual(['a.test.ts', 'src/c.test.cjs']);
  });

  it('takes a directory or a glob as a filter on the test files, whatever the include globs start with', async () => {
    const mono = tree(['packages/core/src/a.test.ts', 'packages/core/src/util.ts', 'packages/core/README.md', 'packages/ui/b.test.ts']);
    const fromRoot = (paths: string[]) => findFiles({ root: mono, cwd: mono, include: ['packages/**/*.test.ts'], exclude: [], paths });
    expect(await fromRoot(['packages/core'])).toEqual(['packages/core/src/a.test.ts']);
    expect(await fromRoot(['packages/core/**'])).toEqual(['packages/core/src/a.test.ts']);
    expect(await fromRoot(['packages'])).toEqual(['packages/core/src/a.test.ts', 'packages/ui/b.test.ts']);
    // a file named outright runs, test file or not
    expect(await fromRoot(['packages/core/src/util.ts'])).toEqual(['packages/core/src/util.ts']);
  });

  it("never collects Vitest's type tests, even when an include glob matches them", async () => {
    const typed = tree(['a.test.ts', 'a.test-d.ts', 'src/b.spec-d.tsx']);
    const all = await findFiles({ root: typed, cwd: typed, include: ['**/*.ts', '**/*.tsx'], exclude: [], paths: [] });
    expect(all).toEqual(['a.test.ts']);
  });

  it('applies exclude globs', async () => {
    expect(await find(root, [], ['src/**'])).toEqual(['a.test.ts', 'lib/z.test.mts']);
  });

  it('rejects a path that does not exist, naming it', async () => {
    await expect(find(root, ['nope/x.test.ts'])).rejects.toThrow('no such file or directory: nope/x.test.ts');
  });
});

describe('findFiles with projects', () => {
  it("takes each project's include less its own exclude, and filters by paths among them", async () => {
    const root = tree(['src/a.test.js', 'src/b.browser.test.js', 'other/c.test.js', 'other/d.browser.test.js']);
    const projects = [
      { include: ['src/**/*.test.js'], exclude: ['**/*.browser.test.js'] },
      { include: ['other/**/*.test.js'], exclude: [] },
    ];
    expect(await findFiles({ root, cwd: root, include: [], exclude: [], projects, paths: [] })).toEqual(['other/c.test.js', 'other/d.browser.test.js', 'src/a.test.js']);
    expect(await findFiles({ root, cwd: root, include: [], exclude: [], projects, paths: ['src'] })).toEqual(['src/a.test.js']);
  });
});
