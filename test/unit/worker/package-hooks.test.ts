import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, expect as vitestExpect, it } from 'vitest';
import { PackageExtensions, PackageHooks, registeringPackage } from '../../../src/worker/package-hooks.js';
import { newSuite } from '../../../src/worker/runtime-tree.js';

const dir = mkdtempSync(join(tmpdir(), 'ptest-package-hooks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** a CommonJS file at `path` that calls what it is handed, as a package calls the global afterEach */
function caller(path: string): { file: string; call: (probe: () => unknown) => unknown } {
  const file = join(dir, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, 'module.exports = (probe) => probe();\n');
  return { file, call: createRequire(import.meta.url)(file) as (probe: () => unknown) => unknown };
}

describe('registeringPackage', () => {
  it("names a package's file that Node loaded, and its instance", () => {
    const { file, call } = caller('node_modules/@testing-library/react/index.js');
    expect(call(registeringPackage)).toEqual({ file, module: createRequire(import.meta.url).cache[file] });
  });

  it("is undefined for the suite's own code, and for a package bundled into a test file (which runs again per file)", () => {
    expect(caller('src/setup.js').call(registeringPackage)).toBeUndefined();
    expect(caller('node_modules/.cache/ptest/bundles/a.test.cjs').call(registeringPackage)).toBeUndefined();
  });
});

describe('PackageHooks', () => {
  it('registers the kept hooks again at the root of each later file, while their package instance is the one Node holds', () => {
    const hooks = new PackageHooks();
    const { file, call } = caller('node_modules/hooky/index.js');
    const cleanup = { fn: () => {}, timeoutMs: undefined };
    hooks.keep([{ kind: 'afterEach', hook: cleanup, ...(call(registeringPackage) as { file: string; module: unknown }) }]);
    const root = newSuite('', 'none', undefined);
    hooks.registerAgain(root);
    expect(root.hooks.afterEach).toEqual([cleanup]);
    expect(root.hooks.beforeEach).toEqual([]);
    // jest.resetModules had Node forget the package: its next instance registers its own hook
    delete createRequire(import.meta.url).cache[file];
    const next = newSuite('', 'none', undefined);
    hooks.registerAgain(next);
    expect(next.hooks.afterEach).toEqual([]);
  });
});

describe('PackageExtensions', () => {
  it("makes a package's expect.extend (and addSnapshotSerializer, addEqualityTesters) again before each later file, while Node holds that instance", async () => {
    const extensions = new PackageExtensions();
    const calls: Record<string, unknown>[] = [];
    const extend = (matchers: Record<string, unknown>) => void calls.push(matchers);
    const addSnapshotSerializer = (serializer: Record<string, unknown>) => void calls.push(serializer);
    const expect = { extend, addSnapshotSerializer };
    const write = (path: string) => {
      const file = join(dir, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, 'module.exports = (extend, matchers) => extend(matchers);\n');
      return { file, load: createRequire(import.meta.url)(file) as (e: typeof extend, m: Record<string, unknown>) => void };
    };
    const pkg = write('node_modules/jest-dom-like/index.js');
    const serializers = write('node_modules/serializer-like/index.js');
    const setup = write('src/extends.js');
    const matchers = { toBeInThePage: () => ({ pass: true }) };
    const serializer = { test: () => false, serialize: () => '' };
    await extensions.watching(expect, async () => {
      pkg.load(expect.extend, matchers);
      serializers.load(expect.addSnapshotSerializer as never, serializer);
      setup.load(expect.extend, { own: () => ({ pass: true }) });
    });
    vitestExpect(expect).toEqual({ extend, addSnapshotSerializer }); // put back, and nothing added
    calls.length = 0;
    extensions.extendAgain(expect);
    vitestExpect(calls).toEqual([matchers, serializer]);
    delete createRequire(import.meta.url).cache[pkg.file];
    calls.length = 0;
    extensions.extendAgain(expect);
    vitestExpect(calls).toEqual([serializer]);
  });
});
