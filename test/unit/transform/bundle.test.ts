import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleFile, prebundleFiles } from '../../../src/transform/bundle-file.js';
import { withOriginalPaths } from '../../../src/transform/original-paths.js';
import { edit, options, project, testOptions } from './project.js';
import '../../../src/worker/resolve-from.js';

/** the bundle of `file` in `dir`, built (or taken from the cache) and imported as a module of its own (`tag`) */
async function importBundle(dir: string, file: string, tag: string) {
  return import(`${pathToFileURL(await bundleFile(join(dir, file), options(dir))).href}?${tag}`);
}

describe('bundleFile', () => {
  it('bundles local imports in and gives each import of the bundle fresh module state', async () => {
    const dir = project({
      'counter.ts': 'export let count = 0; export const bump = (): number => ++count;',
      'a.test.ts': "import { bump } from './counter'; export const value: number = bump();",
    });
    const bundle = await bundleFile(join(dir, 'a.test.ts'), options(dir));
    const first = await import(`${pathToFileURL(bundle).href}?1`);
    const second = await import(`${pathToFileURL(bundle).href}?2`);
    expect([first.value, second.value]).toEqual([1, 1]);
  });

  it("answers require.resolve in a bundled module from that module's own file, not the test file's", async () => {
    const dir = project({
      'lib/loader.cjs': "exports.where = require.resolve('./plugins/extra.cjs'); exports.paths = typeof require.resolve.paths;",
      'lib/plugins/extra.cjs': 'module.exports = 1;',
      'test/a.test.ts': "import { where, paths } from '../lib/loader.cjs';\nexport { where, paths };",
    });
    const { where, paths } = await importBundle(dir, 'test/a.test.ts', 'resolve');
    expect(where).toBe(join(dir, 'lib/plugins/extra.cjs'));
    expect(paths).toBe('function');
  });

  it("loads Sass, Less and Stylus stylesheets as Vitest's unprocessed CSS: empty, a CSS module answering class names", async () => {
    const dir = project({
      'theme.sass': '$brand: red\nbody\n  color: $brand\n',
      'card.module.scss': '.card { color: blue; }',
      'a.test.ts': "import './theme.sass';\nimport styles from './card.module.scss';\nexport const card: string = styles.card;",
    });
    const { card } = await importBundle(dir, 'a.test.ts', 'styles');
    expect(card).toBe('card');
  });

  it('keeps imports made for their effects in a package that says "sideEffects": false, as Node runs them', async () => {
    const dir = project({
      'package.json': '{ "type": "module", "sideEffects": false }',
      'effect.ts': '(globalThis as { __ptestEffect?: number }).__ptestEffect = ((globalThis as { __ptestEffect?: number }).__ptestEffect ?? 0) + 1;',
      'a.test.ts': "import './effect';\nexport const seen = (globalThis as { __ptestEffect?: number }).__ptestEffect;",
    });
    const bundle = await bundleFile(join(dir, 'a.test.ts'), options(dir));
    const before = (globalThis as { __ptestEffect?: number }).__ptestEffect ?? 0;
    const { seen } = await import(`${pathToFileURL(bundle).href}?effects`);
    expect(seen).toBe(before + 1);
  });

  it('prebundles a file with no cache entry, and leaves one that has an entry (stale or not) to the worker, which rebuilds it', async () => {
    const dir = project({ 'a.test.ts': "import { v } from './v';\nexport const out = v;", 'v.ts': 'export const v = 1;' });
    const file = join(dir, 'a.test.ts');
    await prebundleFiles([file], options(dir));
    expect(readdirSync(join(dir, '.cache')).filter((f) => f.endsWith('.mjs'))).toHaveLength(1);
    const built = await bundleFile(file, options(dir));
    const firstBuild = statSync(built).mtimeMs;
    writeFileSync(join(dir, 'v.ts'), 'export const v = 22;');
    await prebundleFiles([file], options(dir));
    expect(statSync(built).mtimeMs).toBe(firstBuild);
    expect(readFileSync(await bundleFile(file, options(dir)), 'utf8')).toContain('22');
  });

  it('reuses the cached bundle while no input changed, and rebuilds when a local import changes', async () => {
    const dir = project({ 'dep.ts': 'export const n = 1;', 'a.test.ts': "export { n } from './dep';" });
    const path = await bundleFile(join(dir, 'a.test.ts'), options(dir));
    const built = statSync(path).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    expect(await bundleFile(join(dir, 'a.test.ts'), options(dir))).toBe(path);
    expect(statSync(path).mtimeMs).toBe(built);

    edit(join(dir, 'dep.ts'), 'export const n = 2;');
    await bundleFile(join(dir, 'a.test.ts'), options(dir));
    expect(statSync(path).mtimeMs).not.toBe(built);
    expect((await import(`${pathToFileURL(path).href}?3`)).n).toBe(2);
  });

  it('rebuilds when the package.json or tsconfig.json nearest the test changes (neither is an esbuild input)', async () => {
    const dir = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@dep': ['./a.ts'] } } }),
      'package.json': JSON.stringify({ imports: { '#other': './a.ts' } }),
      'a.ts': "export const n = 'a';",
      'b.ts': "export const n = 'b';",
      'x.test.ts': "import { n } from '@dep';\nimport { n as m } from '#other';\nexport const both = n + m;",
    });
    const read = async () => (await importBundle(dir, 'x.test.ts', String(Math.random()))).both;
    expect(await read()).toBe('aa');
    edit(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@dep': ['./b.ts'] } } }));
    expect(await read()).toBe('ba');
    edit(join(dir, 'package.json'), JSON.stringify({ imports: { '#other': './b.ts' } }));
    expect(await read()).toBe('bb');
  });

  it('rebuilds when a __mocks__ file appears for a module the test mocks without a factory', async () => {
    const dir = project({ 'db.ts': 'export const name = "real";', 'a.test.ts': "import { vi } from 'vitest';\nvi.mock('./db');\nimport { name } from './db';\nexport { name };" });
    const suite = testOptions(dir);
    const first = readFileSync(await bundleFile(join(dir, 'a.test.ts'), suite), 'utf8');
    expect(first).not.toContain('from the manual mock');
    mkdirSync(join(dir, '__mocks__'));
    writeFileSync(join(dir, '__mocks__', 'db.ts'), 'export const name = "from the manual mock";');
    expect(readFileSync(await bundleFile(join(dir, 'a.test.ts'), suite), 'utf8')).toContain('from the manual mock');
  });

  it("routes a virtual mock's imports to its stand-in, and rebuilds once the module it stands for appears", async () => {
    const dir = project({ 'a.test.ts': "import { vi } from 'vitest';\nvi.mock('virtual-pkg', () => ({ name: 'mock' }));\nimport { name } from 'virtual-pkg';\nexport { name };" });
    const suite = testOptions(dir);
    const notFound = `Cannot find module 'virtual-pkg'`;
    expect(readFileSync(await bundleFile(join(dir, 'a.test.ts'), suite), 'utf8')).toContain(notFound);
    mkdirSync(join(dir, 'node_modules', 'virtual-pkg'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'virtual-pkg', 'index.js'), 'module.exports = { name: "real" };');
    const rebuilt = readFileSync(await bundleFile(join(dir, 'a.test.ts'), suite), 'utf8');
    expect(rebuilt).not.toContain(notFound);
    expect(rebuilt).toContain('node_modules/virtual-pkg/index.js');
  });

  it('makes a require() or import() of a package that is not installed fail where it runs, and rebuilds once it is', async () => {
    const dir = project({
      'a.test.ts': [
        'const load = (): unknown => require("not-installed-yet");',
        'export const later = (): Promise<unknown> => import("not-installed-yet");',
        'let code: unknown;',
        'try { load(); } catch (error) { code = (error as { code?: string }).code; }',
        'export const found = code === undefined ? load() : code;',
      ].join('\n'),
    });
    const first = await importBundle(dir, 'a.test.ts', 'missing');
    expect(first.found).toBe('MODULE_NOT_FOUND');
    await expect(first.later()).rejects.toThrow(`Cannot find module 'not-installed-yet' from '${join(dir, 'a.test.ts')}'`);
    mkdirSync(join(dir, 'node_modules', 'not-installed-yet'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'not-installed-yet', 'index.js'), 'module.exports = "installed";');
    const second = await importBundle(dir, 'a.test.ts', 'installed');
    expect(second.found).toBe('installed');
  });

  it('keeps import.meta.url and __dirname pointing at the original file', async () => {
    const dir = project({
      'sub/where.ts': 'export const url = import.meta.url; export const dir = __dirname;',
      'a.test.ts': "export { url, dir } from './sub/where';",
    });
    const mod = await import(pathToFileURL(await bundleFile(join(dir, 'a.test.ts'), options(dir))).href);
    expect(mod.url).toBe(pathToFileURL(join(dir, 'sub/where.ts')).href);
    expect(mod.dir).toBe(join(dir, 'sub'));
  });

  it('fails with esbuild’s message naming the file and the missing import', async () => {
    const dir = project({ 'a.test.ts': "import './nope';" });
    await expect(bundleFile(join(dir, 'a.test.ts'), options(dir))).rejects.toThrow(/a\.test\.ts:1:7: ERROR: Could not resolve "\.\/nope"/);
  });
});

describe('withOriginalPaths', () => {
  it('does not redeclare a __dirname the file declares itself', () => {
    const source = 'const __dirname = "x"; console.log(__dirname);';
    expect(withOriginalPaths(source, '/p/f.ts')).toBe(source);
  });

  it('puts the prelude after a hashbang, on the second line', () => {
    expect(withOriginalPaths('#!/usr/bin/env node\nuse(__dirname);', '/p/f.ts')).toBe('#!/usr/bin/env node\nvar __dirname = "/p"; use(__dirname);');
  });

  it('resolves packages with Node’s conditions, not esbuild’s extra "module" one', async () => {
    const dir = project({
      'node_modules/dual/package.json': JSON.stringify({ name: 'dual', exports: { module: './m.mjs', import: './i.mjs', require: './c.cjs' } }),
      'node_modules/dual/m.mjs': "export const which = 'module';",
      'node_modules/dual/i.mjs': "export const which = 'import';",
      'node_modules/dual/c.cjs': "exports.which = 'require';",
      'a.test.ts': "export { which } from 'dual';",
    });
    const mod = await import(pathToFileURL(await bundleFile(join(dir, 'a.test.ts'), options(dir))).href);
    expect(mod.which).toBe('import');
  });

  it("resolves with the suite's extra conditions too (Vite's resolve.conditions: zod tests its source so)", async () => {
    const dir = project({
      'node_modules/self/package.json': JSON.stringify({ name: 'self', exports: { '@self/source': './src.mjs', import: './dist.mjs' } }),
      'node_modules/self/src.mjs': "export const which = 'src';",
      'node_modules/self/dist.mjs': "export const which = 'dist';",
      'a.test.ts': "import { which } from 'self';\n(globalThis as { which?: string }).which = which;",
    });
    await import(pathToFileURL(await bundleFile(join(dir, 'a.test.ts'), testOptions(dir, { conditions: ['@self/source'] }))).href);
    expect((globalThis as { which?: string }).which).toBe('src');
  });

  it("resolves a file with its environment's conditions in place of Node's (Jest's jsdom: browser), in packages and in the suite's own #imports, built-in modules still Node's", async () => {
    const branches = { browser: './browser.js', node: './node.js', default: './other.js' };
    const dir = project({
      'package.json': JSON.stringify({ name: 'suite', imports: { '#where': branches } }),
      'browser.js': "module.exports = 'browser';",
      'node.js': "module.exports = 'node';",
      'other.js': "module.exports = 'other';",
      'node_modules/split/package.json': JSON.stringify({ name: 'split', exports: branches }),
      'node_modules/split/browser.js': "module.exports = 'browser';",
      'node_modules/split/node.js': "module.exports = 'node';",
      'node_modules/split/other.js': "module.exports = 'other';",
      'a.test.ts': "import pkg from 'split';\nimport own from '#where';\nimport { sep } from 'node:path';\nconst fs = require('fs');\n(globalThis as { which?: unknown }).which = [pkg, own, sep, typeof fs.readFileSync];",
    });
    const which = async (suite: Record<string, unknown>) => {
      await import(pathToFileURL(await bundleFile(join(dir, 'a.test.ts'), testOptions(dir, { requireCondition: true, ...suite }))).href);
      return (globalThis as { which?: unknown }).which;
    };
    expect(await which({})).toEqual(['node', 'node', '/', 'function']);
    expect(await which({ environmentConditions: ['browser'] })).toEqual(['browser', 'browser', '/', 'function']);
    // Jest's customExportConditions: neither browser nor node
    expect(await which({ environmentConditions: ['development'] })).toEqual(['other', 'other', '/', 'function']);
  });

  it('rebuilds when a package the bundle points into changes', async () => {
    const dir = project({
      'node_modules/pkg/package.json': JSON.stringify({ name: 'pkg', main: 'old.js' }),
      'node_modules/pkg/old.js': 'exports.v = 1;',
      'a.test.ts': "export { v } from 'pkg';",
    });
    const first = await bundleFile(join(dir, 'a.test.ts'), options(dir));
    expect(readFileSync(first, 'utf8')).toContain('old.js');
    writeFileSync(join(dir, 'node_modules/pkg/package.json'), JSON.stringify({ name: 'pkg', main: 'new.js' }));
    writeFileSync(join(dir, 'node_modules/pkg/new.js'), 'exports.v = 2;');
    rmSync(join(dir, 'node_modules/pkg/old.js'));
    expect(readFileSync(await bundleFile(join(dir, 'a.test.ts'), options(dir)), 'utf8')).toContain('new.js');
  });

  it('keeps line numbers: the prelude shares the first line', () => {
    const out = withOriginalPaths('a();\nuse(__filename);', '/p/f.ts');
    expect(out.split('\n')).toHaveLength(2);
    expect(out.split('\n')[0]).toBe('var __filename = "/p/f.ts"; a();');
  });
});
