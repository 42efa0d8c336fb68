import { mkdtempSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileRegistry } from '../../../src/worker/file-registry.js';

/**
 * A file's bundle requires packages through a require made for the test file's own path (see
 * transform/bundle-file.ts); these tests require through one made the same way.
 */
function packages(): { dir: string; testFile: string; cached: (name: string) => boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'ptest-registry-'));
  const write = (name: string, code: string) => writeFileSync(join(dir, name), code);
  write('own.js', "exports.dep = require('./dep.js'); exports.count = 0;");
  write('dep.js', 'exports.made = Symbol();');
  // shared code, loaded before the file, that loads more of itself while the file runs
  write('shared.js', "exports.lazy = () => require('./lazy.js');");
  write('lazy.js', 'exports.made = Symbol();');
  const cache = createRequire(import.meta.url)('node:module')._cache as Record<string, unknown>;
  return { dir, testFile: join(dir, 'a.test.ts'), cached: (name) => join(dir, name) in cache };
}

const addedGlobals = ['__registryTestLeftBehind'];
afterEach(() => {
  for (const key of addedGlobals) delete (globalThis as Record<string, unknown>)[key];
});

describe('FileRegistry', () => {
  it('forgets what the file required, and what that required, so the next file gets fresh instances', () => {
    const { testFile, cached } = packages();
    const registry = new FileRegistry(testFile);
    const first = createRequire(testFile)('./own.js') as { dep: { made: symbol } };
    registry.release();
    expect(cached('own.js')).toBe(false);
    expect(cached('dep.js')).toBe(false);
    const second = createRequire(testFile)('./own.js') as { dep: { made: symbol } };
    expect(second).not.toBe(first);
    expect(second.dep.made).not.toBe(first.dep.made);
  });

  it('keeps what was loaded before the file, and what that loads of itself during the file', () => {
    const { dir, testFile, cached } = packages();
    const shared = createRequire(join(dir, 'runtime.js'))('./shared.js') as { lazy: () => { made: symbol } };
    const registry = new FileRegistry(testFile);
    createRequire(testFile)('./shared.js');
    const lazy = shared.lazy();
    registry.release();
    expect(cached('shared.js')).toBe(true);
    expect(cached('lazy.js')).toBe(true);
    expect(shared.lazy()).toBe(lazy);
  });

  it("keeps what another module's require loaded during the file", () => {
    const { dir, testFile, cached } = packages();
    const registry = new FileRegistry(testFile);
    createRequire(join(dir, 'other-file.ts'))('./own.js');
    registry.release();
    expect(cached('own.js')).toBe(true);
  });

  it("deletes the globals the file added and puts back the ones it replaced", () => {
    const { testFile } = packages();
    const original = globalThis.structuredClone;
    const registry = new FileRegistry(testFile);
    (globalThis as Record<string, unknown>).__registryTestLeftBehind = 1;
    globalThis.structuredClone = (() => 'replaced') as typeof structuredClone;
    registry.release();
    expect('__registryTestLeftBehind' in globalThis).toBe(false);
    expect(globalThis.structuredClone).toBe(original);
  });

  it("makes packages compile as vm.Scripts, which V8 caches for the next file's require (seen in their first line's columns, which then count Node's wrapper)", () => {
    const { dir, testFile } = packages();
    const column = (name: string) => {
      writeFileSync(join(dir, name), 'module.exports = new Error("here").stack;');
      return Number(new RegExp(`${name}:1:(\\d+)`).exec(createRequire(testFile)(`./${name}`) as string)?.[1]);
    };
    const registry = new FileRegistry(testFile);
    const during = column('during.js');
    registry.release();
    expect(during).toBe(18 + Module.wrap('').indexOf('\n'));
  });

  it("forgets the file's packages for Jest's resetModules, and puts them back after isolateModules, leaving globals be", () => {
    const { testFile, cached } = packages();
    const registry = new FileRegistry(testFile, { isolate: false });
    const require = createRequire(testFile);
    const first = require('./own.js');
    (globalThis as Record<string, unknown>).__registryTestLeftBehind = 1;
    const putBack = registry.forgetPackages();
    expect(cached('own.js')).toBe(false);
    const isolated = require('./own.js');
    expect(isolated).not.toBe(first);
    registry.forgetPackages();
    putBack();
    expect(require('./own.js')).toBe(first);
    registry.release();
    expect((globalThis as Record<string, unknown>).__registryTestLeftBehind).toBe(1);
  });
});
