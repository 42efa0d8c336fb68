import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleFile } from '../../../src/transform/bundle-file.js';
import { bundlesInline, isInlined } from '../../../src/transform/inline-deps.js';
import { project, testOptions } from './project.js';

const NONE = { all: false, names: [], patterns: [] };

describe('isInlined', () => {
  it("matches a name as Vitest does, anywhere after /node_modules/ (redux takes redux-thunk too), and a RegExp against the path", () => {
    const deps = { ...NONE, names: ['redux'], patterns: [{ source: '\\/@scope\\/[\\w/]+', flags: '' }] };
    expect(isInlined('/p/node_modules/redux/dist/redux.mjs', deps)).toBe(true);
    expect(isInlined('/p/node_modules/redux-thunk/dist/redux-thunk.mjs', deps)).toBe(true);
    expect(isInlined('/p/node_modules/@scope/ui/index.js', deps)).toBe(true);
    expect(isInlined('/p/node_modules/react/index.js', deps)).toBe(false);
    expect(isInlined('/p/src/redux/store.ts', deps)).toBe(false);
    expect(isInlined('/p/node_modules/react/index.js', { ...NONE, all: true })).toBe(true);
  });

  it("inlines a package file that none of Jest's transformIgnorePatterns matches, as Jest transforms it", () => {
    const deps = { ...NONE, unlessIgnoredBy: [{ source: 'node_modules/(?!@patternfly|lodash-es)', flags: '' }] };
    expect(isInlined('/p/node_modules/@patternfly/react-icons/dist/esm/createIcon.js', deps)).toBe(true);
    expect(isInlined('/p/node_modules/lodash-es/get.js', deps)).toBe(true);
    expect(isInlined('/p/node_modules/react/index.js', deps)).toBe(false);
    expect(isInlined('/p/node_modules/react/index.js', { ...NONE, unlessIgnoredBy: [] })).toBe(true);
  });

  it('leaves to Node a CommonJS file, whose exports are shared already, and one that cannot be CommonJS (a top-level await)', async () => {
    const dir = project({ 'node_modules/cjs/package.json': '{}', 'node_modules/cjs/index.js': '', 'node_modules/esm/index.mjs': 'export const a = 1;', 'node_modules/tla/index.mjs': 'export const a = await Promise.resolve(1);' });
    const deps = { ...NONE, all: true };
    expect(await bundlesInline(join(dir, 'node_modules/cjs/index.js'), deps)).toBe(false);
    expect(await bundlesInline(join(dir, 'node_modules/esm/index.mjs'), deps)).toBe(true);
    expect(await bundlesInline(join(dir, 'node_modules/tla/index.mjs'), deps)).toBe(false);
    expect(await bundlesInline(join(dir, 'node_modules/esm/index.mjs'), undefined)).toBe(false);
  });
});

describe('an inlined package in a bundle', () => {
  const files = {
    // an .mjs entry (esbuild would take its CommonJS build for an ES module), a file of its own
    // (one instance, whether reached from the entry or imported deeply), and a package it imports
    'node_modules/tally/package.json': '{ "name": "tally", "main": "./index.mjs" }',
    'node_modules/tally/index.mjs': "export { sum } from './sum.mjs';\nimport { label } from 'labels';\nexport const describe = (n) => label(n);",
    'node_modules/tally/sum.mjs': 'export function sum(values) { return values.reduce((a, b) => a + b, 0); }',
    'node_modules/labels/package.json': '{ "name": "labels", "type": "module", "exports": "./index.js" }',
    'node_modules/labels/index.js': 'export const label = (n) => `#${n}`;\nexport default "labels";',
    'basket.ts': "import { sum } from 'tally';\nexport const total = (values: number[]): number => sum(values);",
    'a.test.ts': [
      "import * as tally from 'tally';",
      "import * as sumFile from 'tally/sum.mjs';",
      "import { total } from './basket';",
      'const [before, first] = [total([1, 2]), tally.sum];',
      "Object.defineProperty(tally, 'sum', { get: () => () => 42, configurable: true });",
      '(globalThis as any).inlined = [before, total([1, 2]), tally.describe(3), sumFile.sum === first];',
    ].join('\n'),
  };

  it("has one instance whose exports a spy may replace for every importer, and imports an ES module package as Node loads it", async () => {
    const dir = project(files);
    const deps = { ...NONE, names: ['tally'] };
    await import(pathToFileURL(await bundleFile(join(dir, 'a.test.ts'), testOptions(dir, { inline: deps }))).href);
    expect((globalThis as { inlined?: unknown[] }).inlined).toEqual([3, 42, '#3', true]);
  });

  it('takes a file of bare `export *` lines, and gives an .mjs file the default export it imports (not the whole module)', async () => {
    const dir = project({
      'node_modules/greet/package.json': '{ "name": "greet", "main": "./index.mjs" }',
      'node_modules/greet/index.mjs': "export * from './impl.mjs';",
      'node_modules/greet/impl.mjs': "import makeGreeter from './greeter.mjs';\nexport const greet = (n) => makeGreeter()(n);",
      'node_modules/greet/greeter.mjs': 'export default () => (n) => `hi ${n}`;',
      'a.test.ts': "import * as greet from 'greet';\n(globalThis as any).greeted = greet.greet('ann');",
    });
    await import(pathToFileURL(await bundleFile(join(dir, 'a.test.ts'), testOptions(dir, { inline: { ...NONE, names: ['greet'] } }))).href);
    expect((globalThis as { greeted?: string }).greeted).toBe('hi ann');
  });

  it('stays an ES module when not inlined, whose namespace cannot be redefined', async () => {
    const dir = project(files);
    await expect(import(pathToFileURL(await bundleFile(join(dir, 'a.test.ts'), testOptions(dir))).href)).rejects.toThrow(/Cannot redefine property: sum/);
  });
});

describe('a local module bundled as CommonJS for a spy on its namespace', () => {
  it('imports an ES-module-only package as Node loads it, default export included (Node 20 cannot require one)', async () => {
    const dir = project({
      'node_modules/regions/package.json': '{ "name": "regions", "type": "module", "exports": "./index.js" }',
      'node_modules/regions/index.js': "export const EU = 'eu';\nexport default { eu: 'European Union' };",
      'rates.ts': "import names, { EU } from 'regions';\nexport const rate = (r: string): number => (r === EU ? 0.2 : 0.1);\nexport const name = (r: string): string => (names as Record<string, string>)[r] ?? r;",
      'a.test.ts': [
        "import * as rates from './rates';",
        "jest.spyOn(rates, 'rate');",
        "(globalThis as any).bridged = [rates.rate('eu'), rates.name('eu')];",
      ].join('\n'),
    });
    (globalThis as { jest?: unknown }).jest = { spyOn: () => undefined };
    await import(pathToFileURL(await bundleFile(join(dir, 'a.test.ts'), testOptions(dir))).href);
    expect((globalThis as { bridged?: unknown[] }).bridged).toEqual([0.2, 'European Union']);
  });
});
