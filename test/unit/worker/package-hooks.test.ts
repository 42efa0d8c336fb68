import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PackageHooks, registeredByPackage } from '../../../src/worker/package-hooks.js';
import { newSuite } from '../../../src/worker/runtime-tree.js';

const dir = mkdtempSync(join(tmpdir(), 'ptest-package-hooks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** a CommonJS file at `path` that calls what it is handed, as a package calls the global afterEach */
function caller(path: string): (probe: () => boolean) => boolean {
  const file = join(dir, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, 'module.exports = (probe) => probe();\n');
  return createRequire(import.meta.url)(file) as (probe: () => boolean) => boolean;
}

describe('registeredByPackage', () => {
  it("is true for a package's code that Node loaded", () => {
    expect(caller('node_modules/@testing-library/react/index.js')(registeredByPackage)).toBe(true);
  });

  it("is false for the suite's own code, and for a package bundled into a test file (which runs again per file)", () => {
    expect(caller('src/setup.js')(registeredByPackage)).toBe(false);
    expect(caller('node_modules/.cache/ptest/bundles/a.test.cjs')(registeredByPackage)).toBe(false);
  });
});

describe('PackageHooks', () => {
  it('registers the kept hooks again at the root of each later file, before its own', () => {
    const hooks = new PackageHooks();
    const cleanup = { fn: () => {}, timeoutMs: undefined };
    hooks.keep([{ kind: 'afterEach', hook: cleanup }]);
    const root = newSuite('', 'none', undefined);
    hooks.registerAgain(root);
    expect(root.hooks.afterEach).toEqual([cleanup]);
    expect(root.hooks.beforeEach).toEqual([]);
  });
});
