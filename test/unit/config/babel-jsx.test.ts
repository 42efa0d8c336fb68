import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync as write } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { babelJsx, jsxOfBabel, jsxOfPlugins, type BabelItem } from '../../../src/config/babel-jsx.js';

const item = (pkg: string, options: Record<string, unknown> = {}): BabelItem => ({ resolved: `/p/node_modules/${pkg}/lib/index.js`, options });
const never = () => false;
let clock = Date.now() / 1000;
/** writes with an mtime a second later each time: Babel's own cache of a config file goes by its mtime */
function writeFileSync(path: string, text: string): void {
  write(path, text);
  clock += 1;
  utimesSync(path, clock, clock);
}

describe('jsxOfBabel: the JSX settings of the transform Babel would apply', () => {
  it("takes the React plugin's runtime and pragmas, with Babel 7's classic default and Babel 8's automatic one", () => {
    expect(jsxOfBabel([item('@babel/plugin-transform-react-jsx', { pragma: 'h', pragmaFrag: 'Fragment' })], [], 7, never)).toEqual({ runtime: 'classic', factory: 'h', fragment: 'Fragment' });
    expect(jsxOfBabel([item('@babel/plugin-transform-react-jsx')], [], 8, never)).toEqual({ runtime: 'automatic' });
    expect(jsxOfBabel([], [item('@babel/preset-react', { runtime: 'automatic', importSource: 'preact' })], 7, never)).toEqual({ runtime: 'automatic', importSource: 'preact' });
  });

  it('lets a plugin win over the presets, and the last preset over earlier ones, as Babel runs them', () => {
    expect(jsxOfBabel([item('@babel/plugin-transform-react-jsx', { pragma: 'h' })], [item('@babel/preset-react', { runtime: 'automatic' })], 7, never)).toEqual({ runtime: 'classic', factory: 'h' });
    expect(jsxOfBabel([], [item('@babel/preset-react', { pragma: 'a' }), item('@babel/preset-react', { pragma: 'b' })], 7, never)).toEqual({ runtime: 'classic', factory: 'b' });
  });

  it("follows Create React App's and Next.js's presets, and finds none in a config without JSX", () => {
    expect(jsxOfBabel([], [item('babel-preset-react-app')], 7, () => true)).toEqual({ runtime: 'automatic' });
    expect(jsxOfBabel([], [item('babel-preset-react-app')], 7, never)).toEqual({ runtime: 'classic' });
    expect(jsxOfBabel([], [{ resolved: '/p/node_modules/next/babel.js', options: { 'preset-react': { importSource: '@emotion/react' } } }], 7, never)).toEqual({ runtime: 'automatic', importSource: '@emotion/react' });
    expect(jsxOfBabel([item('@babel/plugin-syntax-jsx')], [item('@babel/preset-env')], 7, never)).toBeUndefined();
  });
});

describe('jsxOfPlugins: the React JSX plugin among a full config\'s plugins', () => {
  it('takes its options by its key, the development plugin automatic, and finds none without it', () => {
    expect(jsxOfPlugins([{ key: 'transform-modules-commonjs' }, { key: 'transform-react-jsx', options: { pragma: 'h' } }], 7)).toEqual({ runtime: 'classic', factory: 'h' });
    expect(jsxOfPlugins([{ key: 'transform-react-jsx-development', options: {} }], 7)).toEqual({ runtime: 'automatic' });
    expect(jsxOfPlugins([{ key: 'transform-react-jsx', options: { runtime: 'automatic', importSource: 'preact' } }], 7)).toEqual({ runtime: 'automatic', importSource: 'preact' });
    expect(jsxOfPlugins([{ key: 'syntax-jsx' }], 7)).toBeUndefined();
  });
});

describe("babelJsx: a project's Babel config, read by its @babel/core", () => {
  it('finds the JSX plugin that a preset of the project brings itself', async () => {
    const root = mkdtempSync(join(import.meta.dirname, 'babel-jsx-'));
    try {
      writeFileSync(join(root, 'my-preset.cjs'), "module.exports = () => ({ plugins: [[require.resolve('@babel/plugin-transform-react-jsx'), { runtime: 'automatic', importSource: 'preact' }]] });");
      writeFileSync(join(root, 'babel.config.json'), JSON.stringify({ presets: ['./my-preset.cjs'] }));
      expect(await babelJsx(root, join(root, '.cache'), {})).toEqual({ runtime: 'automatic', importSource: 'preact' });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reads .babelrc for the test environment, follows extends, and answers from its memo until a file it came from changes', async () => {
    // inside this repository, so that @babel/core and the React plugin resolve from its node_modules
    const root = mkdtempSync(join(import.meta.dirname, 'babel-jsx-'));
    const cacheDir = join(root, '.cache');
    const memo = join(cacheDir, 'babel-jsx.json');
    const jsxPlugin = (options: Record<string, unknown>) => JSON.stringify({ plugins: [['@babel/plugin-transform-react-jsx', options]] });
    try {
      expect(await babelJsx(root, cacheDir, {})).toBeUndefined();
      writeFileSync(join(root, '.babelrc'), JSON.stringify({ env: { test: { plugins: [['@babel/plugin-transform-react-jsx', { pragma: 'h' }]] } } }));
      expect(await babelJsx(root, cacheDir, {})).toEqual({ runtime: 'classic', factory: 'h' });
      expect(await babelJsx(root, cacheDir, { NODE_ENV: 'production' })).toBeUndefined();

      writeFileSync(join(root, 'base.json'), jsxPlugin({ pragma: 'first' }));
      writeFileSync(join(root, '.babelrc'), JSON.stringify({ extends: './base.json' }));
      expect(await babelJsx(root, cacheDir, {})).toEqual({ runtime: 'classic', factory: 'first' });
      // the next run answers from the memo, without Babel...
      writeFileSync(memo, readFileSync(memo, 'utf8').replace('"first"', '"remembered"'));
      expect(await babelJsx(root, cacheDir, {})).toEqual({ runtime: 'classic', factory: 'remembered' });
      // ...until a file it came from changes, the extended one included
      writeFileSync(join(root, 'base.json'), jsxPlugin({ pragma: 'second', pragmaFrag: 'F' }));
      expect(await babelJsx(root, cacheDir, {})).toEqual({ runtime: 'classic', factory: 'second', fragment: 'F' });

      // a config Babel refuses (its plugin is missing) gives nothing, as that Jest run would fail to
      // compile, and is not remembered: the next run asks Babel again
      const before = readFileSync(memo, 'utf8');
      writeFileSync(join(root, '.babelrc'), JSON.stringify({ plugins: ['./babel-plugin-missing.cjs'] }));
      expect(await babelJsx(root, cacheDir, {})).toBeUndefined();
      expect(readFileSync(memo, 'utf8')).toBe(before);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
