import { mkdtempSync, statSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleFile } from '../../../src/transform/bundle-file.js';
import { withOriginalPaths } from '../../../src/transform/node-paths-plugin.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ptest-bundle-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const options = (dir: string) => ({ cacheDir: join(dir, '.cache'), runtimeEntry: join(dir, 'runtime.js') });

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

  it('reuses the cached bundle while no input changed, and rebuilds when a local import changes', async () => {
    const dir = project({ 'dep.ts': 'export const n = 1;', 'a.test.ts': "export { n } from './dep';" });
    const path = await bundleFile(join(dir, 'a.test.ts'), options(dir));
    const built = statSync(path).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    expect(await bundleFile(join(dir, 'a.test.ts'), options(dir))).toBe(path);
    expect(statSync(path).mtimeMs).toBe(built);

    writeFileSync(join(dir, 'dep.ts'), 'export const n = 2;');
    utimesSync(join(dir, 'dep.ts'), new Date(), new Date(Date.now() + 5000));
    await bundleFile(join(dir, 'a.test.ts'), options(dir));
    expect(statSync(path).mtimeMs).not.toBe(built);
    expect((await import(`${pathToFileURL(path).href}?3`)).n).toBe(2);
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

  it('keeps line numbers: the prelude shares the first line', () => {
    const out = withOriginalPaths('a();\nuse(__filename);', '/p/f.ts');
    expect(out.split('\n')).toHaveLength(2);
    expect(out.split('\n')[0]).toBe('var __filename = "/p/f.ts"; a();');
  });
});
