import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BundleCache } from '../../../src/transform/bundle-cache.js';
import { buildTogether, type Builds } from '../../../src/transform/build-batch.js';
import { buildBundle, buildBundles } from '../../../src/transform/build-bundle.js';
import { edit, project, testOptions } from './project.js';

/** the real builds, each counted by the number of files it bundles */
function counted(): Builds & { sizes: number[] } {
  const sizes: number[] = [];
  return {
    sizes,
    one: (...args) => (sizes.push(1), buildBundle(...args)),
    together: (entries, ...rest) => (sizes.push(entries.length), buildBundles(entries, ...rest)),
  };
}

/** the project's test files, each under its own name as its cache key */
function setUp(files: Record<string, string>, suite: (dir: string) => Record<string, unknown> = () => ({})) {
  const dir = project(files);
  const options = testOptions(dir, suite(dir));
  const cache = new BundleCache(options.cacheDir);
  const entries = Object.keys(files)
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => ({ file: join(dir, name), key: name }));
  return { dir, options, cache, entries, bundle: (key: string) => readFileSync(cache.outputPath(key), 'utf8') };
}

describe('buildTogether', () => {
  it('bundles files that share modules in one esbuild build, each bundle with the modules its own file reaches', async () => {
    const p = setUp({
      'shared.ts': 'export const shared = 1;',
      'types.ts': 'export type Kind = "a";',
      'a-only.ts': 'export const a = 2;',
      'b-only.ts': 'export const b = 3;',
      'a.test.ts': "import './types';\nimport { shared } from './shared';\nimport { a } from './a-only';\n(globalThis as any).batchA = shared + a;",
      'b.test.ts': "import { shared } from './shared';\nimport { b } from './b-only';\n(globalThis as any).batchB = shared + b;",
    });
    const builds = counted();
    await buildTogether(p.entries, p.options, p.cache, builds);
    expect(builds.sizes).toEqual([2]);
    await import(pathToFileURL(p.cache.outputPath('a.test.ts')).href);
    await import(pathToFileURL(p.cache.outputPath('b.test.ts')).href);
    expect(globalThis).toMatchObject({ batchA: 3, batchB: 4 });

    // b's own module is no input of a's bundle; a module of types only, which adds no code, is
    edit(join(p.dir, 'b-only.ts'), 'export const b = 30;');
    expect(p.cache.lookup('a.test.ts')).toBeDefined();
    expect(p.cache.lookup('b.test.ts')).toBeUndefined();
    edit(join(p.dir, 'types.ts'), 'export type Kind = "a";\nexport const kinds = ["a"];');
    expect(p.cache.lookup('a.test.ts')).toBeUndefined();
  });

  it('bundles a file that mocks a module on its own, so that the module stays real in the files that share a build', async () => {
    const p = setUp({
      'shared.ts': 'export const shared = 1;',
      'a.test.ts': "import { vi } from 'vitest';\nimport { shared } from './shared';\nvi.mock('./shared', () => ({ shared: 10 }));\nexport const out = shared;",
      'b.test.ts': "import { shared } from './shared';\nexport const out = shared;",
      'c.test.ts': "import { shared } from './shared';\nexport const out = shared + 1;",
    });
    const builds = counted();
    await buildTogether(p.entries, p.options, p.cache, builds);
    expect(builds.sizes.sort()).toEqual([1, 2]);
    expect(p.bundle('a.test.ts')).toContain('ptest.compat.mocks');
    expect(p.bundle('b.test.ts')).not.toContain('ptest.compat.mocks');
    expect(p.bundle('c.test.ts')).not.toContain('ptest.compat.mocks');
  });

  it('bundles every file on its own when a setup file resets modules (what a reset loads afresh is built beside one bundle)', async () => {
    const files = { 'setup.ts': "import { afterEach, vi } from 'vitest';\nafterEach(() => vi.resetModules());", 'a.test.ts': 'export const out = 1;', 'b.test.ts': 'export const out = 2;' };
    const p = setUp(files, (dir) => ({ setupFiles: [join(dir, 'setup.ts')] }));
    const builds = counted();
    await buildTogether(p.entries, p.options, p.cache, builds);
    expect(builds.sizes).toEqual([1, 1]);
  });

  it("builds the files of a shared build that failed one by one: the others' bundles are made, and the error is the broken file's", async () => {
    const p = setUp({
      'a.test.ts': 'export const out = 1;',
      'b.test.ts': "import { missing } from './nowhere';\nexport const out = missing;",
      'c.test.ts': 'export const out = 3;',
    });
    const builds = counted();
    await expect(buildTogether(p.entries, p.options, p.cache, builds)).rejects.toThrow(/nowhere/);
    expect(builds.sizes).toEqual([3, 1, 1, 1]);
    expect(p.cache.lookup('a.test.ts')).toBeDefined();
    expect(p.cache.lookup('c.test.ts')).toBeDefined();
  });
});
