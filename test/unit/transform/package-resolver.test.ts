import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build, type ImportKind } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_MAIN_FIELDS, packageResolver } from '../../../src/transform/package-resolver.js';

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
  // a baseUrl sends a name to a local file first, where there is one
  write('base/tsconfig.json', { compilerOptions: { baseUrl: '.' } });
  write('base/local.ts', '');
  write('base/src/a.ts', '');
  for (const name of ['local', 'remote']) {
    write(`base/node_modules/${name}/package.json`, { name });
    write(`base/node_modules/${name}/index.js`, '');
  }
  // a tsconfig a package publishes is not esbuild's to read
  write('base/node_modules/remote/tsconfig.json', { compilerOptions: { paths: { local: ['./index.js'] } } });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** esbuild's own answer, as ptest's builds ask it */
async function esbuildResolves(specifier: string, dir: string, kind: ImportKind, conditions: string[], settings: { platform: 'node' | 'neutral'; mainFields?: string[] } = { platform: 'node' }): Promise<string | undefined> {
  let answer: string | undefined;
  await build({
    stdin: { contents: '' },
    write: false,
    ...settings,
    conditions,
    logLevel: 'silent',
    plugins: [{ name: 'ask', setup: (b) => b.onStart(async () => void (answer = (await b.resolve(specifier, { kind, resolveDir: dir })).path || undefined)) }],
  });
  return answer;
}

describe('packageResolver', () => {
  const app = 'app/src';
  const cases: Array<[string, string, ImportKind, string[]]> = [
    ['dual', app, 'import-statement', []],
    ['dual', app, 'require-call', []],
    ['dual', app, 'dynamic-import', ['browser']],
    ['dual/sub', app, 'import-statement', []],
    ['old', app, 'import-statement', []],
    ['old', app, 'require-call', []],
    ['old/extra', app, 'require-call', []],
    ['only-module', app, 'import-statement', []],
    ['@scope/pkg', app, 'import-statement', []],
    ['old', 'paths/src', 'import-statement', []],
    ['remote', 'base/src', 'import-statement', []],
    ['local', 'base/node_modules/remote', 'require-call', []],
  ];
  it.each(cases)('finds the file esbuild finds for %s from %s (%s, conditions %j)', async (specifier, from, kind, conditions) => {
    const dir = join(root, from);
    const expected = await esbuildResolves(specifier, dir, kind, conditions);
    expect(expected).toContain('/node_modules/');
    expect(await packageResolver({ platform: 'node', conditions })(specifier, dir, kind)).toBe(expected);
  });

  // a file whose environment has conditions of its own (Jest's jsdom: browser) builds on the neutral platform, without `node`
  const neutral = { platform: 'neutral' as const, mainFields: [...NODE_MAIN_FIELDS] };
  const environmentCases: Array<[string, ImportKind, string[], string]> = [
    ['dual', 'require-call', ['browser'], 'browser.js'],
    ['dual', 'import-statement', ['development'], 'default.js'],
    ['dual', 'require-call', ['node', 'browser'], 'browser.js'],
    ['old', 'require-call', ['browser'], 'lib/index.js'],
    ['only-module', 'import-statement', ['browser'], 'esm.js'],
  ];
  it.each(environmentCases)('finds the file esbuild finds for %s (%s) with only the conditions %j, not Node\'s: %s', async (specifier, kind, conditions, file) => {
    const dir = join(root, app);
    const expected = await esbuildResolves(specifier, dir, kind, conditions, neutral);
    expect(expected?.endsWith(`/node_modules/${specifier}/${file}`)).toBe(true);
    expect(await packageResolver({ ...neutral, conditions })(specifier, dir, kind)).toBe(expected);
  });

  it("leaves to esbuild a name that tsconfig paths or baseUrl send to a local file, and what it cannot find", async () => {
    const resolve = packageResolver({ platform: 'node', conditions: [] });
    for (const [specifier, from] of [['old/a', 'paths/src'], ['local', 'base/src']]) {
      expect(await esbuildResolves(specifier!, join(root, from!), 'import-statement', [])).not.toContain('/node_modules/');
      expect(await resolve(specifier!, join(root, from!), 'import-statement')).toBeUndefined();
    }
    expect(await resolve('absent', join(root, app), 'import-statement')).toBeUndefined();
  });

  it('leaves to esbuild the builds and imports it does not know: other main fields, another platform or main fields, CSS', async () => {
    const dir = join(root, app);
    expect(await packageResolver({ platform: 'node' })('old', dir, 'import-rule')).toBeUndefined();
    expect(await packageResolver({ platform: 'node', mainFields: ['module'] })('old', dir, 'import-statement')).toBeUndefined();
    expect(await packageResolver({ platform: 'neutral' })('old', dir, 'import-statement')).toBeUndefined();
    expect(await packageResolver({ platform: 'browser', mainFields: [...NODE_MAIN_FIELDS] })('old', dir, 'import-statement')).toBeUndefined();
    expect(await packageResolver({ platform: 'node' })('old', dir, 'import-statement')).toBe(join(root, 'app/node_modules/old/lib/index.js'));
  });
});
