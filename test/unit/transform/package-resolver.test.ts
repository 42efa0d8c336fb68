import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build, type ImportKind } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageResolver } from '../../../src/transform/package-resolver.js';

let root: string;
function write(path: string, content: string | object) {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ptest-package-resolver-'));
  write('app/package.json', { name: 'app' });
  write('app/src/a.ts', '');
  // conditions in `exports`, in an order that decides between them
  write('app/node_modules/dual/package.json', { name: 'dual', exports: { '.': { browser: './browser.js', node: { import: './node.mjs', require: './node.cjs' }, default: './default.js' }, './sub': './lib/sub.js' } });
  for (const file of ['browser.js', 'node.mjs', 'node.cjs', 'default.js', 'lib/sub.js']) write(`app/node_modules/dual/${file}`, '');
  // `main` without its extension, and a `module` that Node would not read
  write('app/node_modules/old/package.json', { name: 'old', main: 'lib/index', module: 'esm/index.js' });
  write('app/node_modules/old/lib/index.js', '');
  write('app/node_modules/old/esm/index.js', '');
  write('app/node_modules/old/extra.js', '');
  write('app/node_modules/only-module/package.json', { name: 'only-module', module: 'esm.js' });
  write('app/node_modules/only-module/esm.js', '');
  write('app/node_modules/@scope/pkg/package.json', { name: '@scope/pkg' });
  write('app/node_modules/@scope/pkg/index.js', '');
  // tsconfig paths may send a bare name elsewhere: esbuild's to answer
  write('paths/tsconfig.json', { extends: './base.json' });
  write('paths/base.json', { compilerOptions: { paths: { 'old/*': ['./src/*'] } } });
  write('paths/node_modules/old/package.json', { name: 'old' });
  write('paths/node_modules/old/index.js', '');
  write('paths/src/a.ts', '');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** esbuild's own answer, as ptest's builds ask it */
async function esbuildResolves(specifier: string, dir: string, kind: ImportKind, conditions: string[]): Promise<string | undefined> {
  let answer: string | undefined;
  await build({
    stdin: { contents: '' },
    write: false,
    platform: 'node',
    conditions,
    logLevel: 'silent',
    plugins: [{ name: 'ask', setup: (b) => b.onStart(async () => void (answer = (await b.resolve(specifier, { kind, resolveDir: dir })).path || undefined)) }],
  });
  return answer;
}

describe('packageResolver', () => {
  const cases: Array<[string, ImportKind, string[]]> = [
    ['dual', 'import-statement', []],
    ['dual', 'require-call', []],
    ['dual', 'dynamic-import', ['browser']],
    ['dual/sub', 'import-statement', []],
    ['old', 'import-statement', []],
    ['old', 'require-call', []],
    ['old/extra', 'require-call', []],
    ['only-module', 'import-statement', []],
    ['@scope/pkg', 'import-statement', []],
  ];
  it.each(cases)('finds the file esbuild finds for %s (%s, conditions %j)', async (specifier, kind, conditions) => {
    const dir = join(root, 'app/src');
    const expected = await esbuildResolves(specifier, dir, kind, conditions);
    expect(expected).toContain('/node_modules/');
    expect(await packageResolver({ platform: 'node', conditions })(specifier, dir, kind)).toBe(expected);
  });

  it('leaves to esbuild what it cannot be sure of: tsconfig paths, a missing package, other build settings, CSS imports', async () => {
    const resolve = packageResolver({ platform: 'node', conditions: [] });
    expect(await resolve('old/a', join(root, 'paths/src'), 'import-statement')).toBeUndefined();
    expect(await resolve('old', join(root, 'paths/src'), 'import-statement')).toBeUndefined();
    expect(await resolve('absent', join(root, 'app/src'), 'import-statement')).toBeUndefined();
    expect(await resolve('old', join(root, 'app/src'), 'import-rule')).toBeUndefined();
    expect(await packageResolver({ platform: 'node', mainFields: ['module'] })('old', join(root, 'app/src'), 'import-statement')).toBeUndefined();
    expect(await packageResolver({ platform: 'neutral' })('old', join(root, 'app/src'), 'import-statement')).toBeUndefined();
    // and what it is sure of, from a folder without such a tsconfig
    expect(await resolve('old', join(root, 'app/src'), 'import-statement')).toBe(join(root, 'app/node_modules/old/lib/index.js'));
  });
});
