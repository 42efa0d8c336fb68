import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleFile } from '../../../src/transform/bundle-file.js';
import { withCommonJsInterop } from '../../../src/transform/cjs-interop.js';
import { options, project } from './project.js';

/**
 * Imports of CommonJS packages as Jest and Vitest give them, in a "type": "module" project (where
 * Node's loader, and esbuild left alone, would make every default import the whole module.exports).
 */
const packages = {
  'package.json': '{ "type": "module" }',
  // compiled from ESM with named exports only (tsc's output of a module without a default export)
  'node_modules/named-only/package.json': '{ "name": "named-only", "main": "index.js" }',
  'node_modules/named-only/index.js': 'Object.defineProperty(exports, "__esModule", { value: true });\nexports.launch = () => "launched";\n',
  'named-user.ts': "import * as namedOnly from 'named-only';\nexport const launchVia = () => namedOnly.launch();\n",
  // compiled from ESM: a default export and a named one
  'node_modules/flagged/package.json': '{ "name": "flagged", "main": "index.js" }',
  'node_modules/flagged/index.js': 'Object.defineProperty(exports, "__esModule", { value: true });\nexports.default = () => "clicked";\nexports.validate = (v) => v !== null;\n',
  // exports made at run time, which Node's static scan of CommonJS cannot see (lodash, joi)
  'node_modules/dynamic/package.json': '{ "name": "dynamic" }',
  'node_modules/dynamic/index.js': '(function () { var _ = {}; ["debounce", "string"].forEach(function (k) { _[k] = function () { return k; }; }); module.exports = _; })();\n',
  'node_modules/dynamic/data.json': '{ "answer": 42 }',
  // says "type": "module", yet its files are CommonJS (console-testing-library, which RTK maps to)
  'node_modules/mislabelled/package.json': '{ "name": "mislabelled", "type": "module" }',
  'node_modules/mislabelled/pure.js': 'exports.createConsole = () => "console";\n',
  // a line that starts with a name beginning `import` is no import statement
  'node_modules/mislabelled/imports.js': 'var imports = exports;\nimports.createConsole = require("./dist/pure.js").createConsole;\n',
  // its entry requires the file that holds the code, as console-testing-library/pure does
  'node_modules/mislabelled/entry.js': 'module.exports = require("./dist/pure.js");\n',
  'node_modules/mislabelled/dist/pure.js': '"use strict";\nexports.__esModule = true;\nexports.createConsole = () => "console from " + require("node:path").basename(__dirname);\n',
  // both builds, as react-hook-form ships them
  'node_modules/dual/package.json': '{ "name": "dual", "exports": { "import": "./esm.mjs", "require": "./cjs.js" } }',
  'node_modules/dual/esm.mjs': 'export const build = "esm";\n',
  'node_modules/dual/cjs.js': 'exports.build = "cjs";\n',
  'node_modules/where/package.json': '{ "name": "where" }',
  'node_modules/where/index.js': 'exports.whereAmI = () => require("node:path").basename(__filename);\n',
  'other.ts': "import * as flagged from 'flagged';\nexport const check = (v: unknown) => flagged.validate(v);\n",
  // a package that is not compiled from ESM, imported by a module under test
  'debounced.ts': "import * as lodash from 'dynamic';\nimport { debounce } from 'dynamic';\nexport const viaNamespace = lodash;\nexport const callDebounce = () => debounce();\n",
};

/** the bundle's `out`, imported by Node itself (an import() here would go through Vitest's own interop) */
async function load(test: string, alias: Record<string, string> = {}, requireCondition = false, interop: { esModuleInterop?: false; vitestInterop?: true } = {}): Promise<{ out: unknown }> {
  // a test file's exports are not the bundle's (its entry imports setup files, then the file)
  const dir = project({ ...packages, 'a.test.ts': `${test}(globalThis as { out?: unknown }).out = out;\n` });
  const suite = { root: dir, setupFiles: [], alias: Object.entries(alias).map(([pattern, to]) => ({ pattern, replacement: join(dir, to) })), requireCondition, ...interop };
  const bundle = await bundleFile(join(dir, 'a.test.ts'), { ...options(dir), suite });
  const script = `await import(${JSON.stringify(pathToFileURL(bundle).href)}); console.log(JSON.stringify(globalThis.out));`;
  return { out: JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) };
}

describe('imports of CommonJS modules as TypeScript compiles them without esModuleInterop (ts-jest)', () => {
  it("make a namespace import the module's exports themselves, also of a built-in module, and a default import their `default`", async () => {
    const m = await load(
      "import * as path from 'node:path';\nimport * as dynamic from 'dynamic';\nimport whole from 'dynamic';\nimport click from 'flagged';\n" +
        'export const out = [typeof path.hasOwnProperty, dynamic.debounce(), typeof whole, click()];\n',
      {},
      true,
      { esModuleInterop: false },
    );
    expect(m.out).toEqual(['function', 'debounce', 'undefined', 'clicked']);
  });
});

describe('imports of CommonJS packages in a Vitest suite', () => {
  it('give a package compiled from ESM without a default export its module.exports as the default, and Babel\'s default otherwise', async () => {
    const test = "import lib from 'named-only';\nimport click from 'flagged';\nimport { launch } from 'named-only';\nexport const out = [typeof lib, lib.launch(), launch(), click()];\n";
    expect((await load(test, {}, false, { vitestInterop: true })).out).toEqual(['object', 'launched', 'launched', 'clicked']);
    // (under Jest's Babel rule the default of such a package is its missing exports.default)
    expect((await load("import lib from 'named-only';\nexport const out = typeof lib;\n")).out).toBe('undefined');
  });

  it('keep its namespace module.exports itself, so a spy on it reaches the other importers', async () => {
    const m = await load(
      "import * as namedOnly from 'named-only';\nimport { launchVia } from './named-user';\n" +
        'Reflect.set(namedOnly, "launch", () => "spied");\nexport const out = [launchVia(), "default" in namedOnly];\n',
      {},
      false,
      { vitestInterop: true },
    );
    expect(m.out).toEqual(['spied', true]);
  });
});

describe('imports of CommonJS packages', () => {
  it('give the default import of a package compiled from ESM its exports.default', async () => {
    const m = await load("import click from 'flagged';\nexport const out = click();\n");
    expect(m.out).toBe('clicked');
  });

  it('read named imports off module.exports, so exports made at run time are there', async () => {
    const m = await load("import { debounce } from 'dynamic';\nimport * as Joi from 'dynamic';\nimport data from 'dynamic/data.json';\nexport const out = [debounce(), Joi.string(), data.answer];\n");
    expect(m.out).toEqual(['debounce', 'string', 42]);
  });

  it('let a spy on the namespace of a package compiled from ESM reach its other importers', async () => {
    const m = await load(
      "import * as flagged from 'flagged';\nimport { check } from './other';\n" +
        'const real = flagged.validate;\nReflect.set(flagged, "validate", () => "spied");\n' +
        'export const out = check(1);\nReflect.set(flagged, "validate", real);\n',
    );
    expect(m.out).toBe('spied');
  });

  it('let the namespace of any other package be changed, and stay live', async () => {
    const m = await load(
      "import * as lodash from 'dynamic';\nimport plain from 'dynamic';\n" +
        'Object.defineProperty(lodash, "debounce", { value: () => "replaced", configurable: true });\n' +
        '(plain as Record<string, unknown>).later = 1;\nexport const out = [lodash.debounce(), (lodash as Record<string, unknown>).string === plain.string];\n',
    );
    expect(m.out).toEqual(['replaced', true]);
  });

  it.each([
    ['Babel', {}],
    ['Vitest', { vitestInterop: true as const }],
  ])("give every importer of a package one namespace, so a spy on the test's reaches the code under test (%s)", async (_, interop) => {
    const m = await load(
      "import * as lodash from 'dynamic';\nimport { callDebounce, viaNamespace } from './debounced';\n" +
        'Object.defineProperty(lodash, "debounce", { get: () => () => "spied", configurable: true });\n' +
        'export const out = [viaNamespace === lodash, callDebounce()];\n',
      {},
      false,
      interop,
    );
    expect(m.out).toEqual([true, 'spied']);
  });

  it('load a package file an alias points into node_modules as Node would: its __filename is its own', async () => {
    const m = await load("import { whereAmI } from 'my-alias';\nexport const out = whereAmI();\n", { '^my-alias$': 'node_modules/where/index.js' });
    expect(m.out).toBe('index.js');
  });

  it("bundle a CommonJS file an alias points to in a \"type\": \"module\" package, which Node cannot load (Jest can)", async () => {
    const m = await load("import { createConsole } from 'ctl';\nexport const out = createConsole();\n", { '^ctl$': 'node_modules/mislabelled/pure.js' });
    expect(m.out).toBe('console');
  });

  it('tell such a file by its statements, not by a name that begins with import', async () => {
    const m = await load("import { createConsole } from 'ctl';\nexport const out = createConsole();\n", { '^ctl$': 'node_modules/mislabelled/imports.js' });
    expect(m.out).toBe('console from dist');
  });

  it('bundle what such a file requires of its own package as CommonJS too', async () => {
    const m = await load("import { createConsole } from 'ctl';\nexport const out = createConsole();\n", { '^ctl$': 'node_modules/mislabelled/entry.js' });
    expect(m.out).toBe('console from dist');
  });

  it("take a package's CommonJS build in a Jest suite, which requires every package, and its ES build elsewhere", async () => {
    const test = "import { build } from 'dual';\nexport const out = build;\n";
    expect((await load(test, {}, true)).out).toBe('cjs');
    expect((await load(test)).out).toBe('esm');
  });

  it("replace esbuild's helper when the bundle's own `mod` or `target` made esbuild rename its parameters", async () => {
    const m = await load("import * as mod from 'dynamic';\nconst target = 1;\nexport const out = [typeof mod.debounce, target];\n");
    expect(m.out).toEqual(['function', 1]);
  });

  it('keep every line where it was, so source maps still point at the test file', async () => {
    const { build } = await import('esbuild');
    const dir = project({ ...packages, 'a.ts': "import click from './node_modules/flagged/index.js';\nconsole.log(click);\n" });
    const out = await build({ entryPoints: [join(dir, 'a.ts')], bundle: true, format: 'esm', platform: 'node', write: false });
    const code = out.outputFiles[0]?.text ?? '';
    const changed = withCommonJsInterop(code, 'babel');
    expect(changed).not.toBe(code);
    expect(changed).toContain('mod.__esModule) return mod');
    expect(changed.split('\n')).toHaveLength(code.split('\n').length);
  });
});
