import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FreshModules } from '../../../src/compat/fresh-modules.js';

/** The registry behind resetModules/isolateModules: which instance each load gets. */
const dir = mkdtempSync(join(tmpdir(), 'ptest-fresh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** a CommonJS build like fresh-build.ts writes: an ES module's exports, with state of its own */
const sidecar = join(dir, 'counter.cjs');
writeFileSync(sidecar, 'let n = 0; module.exports = { __esModule: true, next: () => ++n };\n');
const cjsSidecar = join(dir, 'plain.cjs');
writeFileSync(cjsSidecar, 'module.exports = { kind: "plain" };\n');
const bundled = { __esModule: true, next: () => 0 };

describe('FreshModules', () => {
  it('gives the bundled instance until the file resets', async () => {
    const fresh = new FreshModules();
    expect(fresh.require(sidecar, () => bundled)).toBe(bundled);
    expect(await fresh.import(sidecar, () => Promise.resolve(bundled))).toBe(bundled);
  });

  it('after a reset, evaluates the build once per registry and shares it between loads', async () => {
    const fresh = new FreshModules();
    fresh.reset();
    const first = fresh.require(sidecar, () => bundled) as typeof bundled;
    expect(first).not.toBe(bundled);
    expect(first.next()).toBe(1);
    expect(await fresh.import(sidecar, () => Promise.resolve(bundled))).toBe(first);
    fresh.reset();
    const second = fresh.require(sidecar, () => bundled) as typeof bundled;
    expect(second).not.toBe(first);
    expect(second.next()).toBe(1);
  });

  it('isolate gives the callback a registry of its own and puts the outer one back', () => {
    const fresh = new FreshModules();
    let inside: unknown;
    fresh.isolate(() => {
      inside = fresh.require(sidecar, () => bundled);
    });
    expect(inside).not.toBe(bundled);
    expect(fresh.require(sidecar, () => bundled)).toBe(bundled);
  });

  it('imports CommonJS exports as the default export', async () => {
    const fresh = new FreshModules();
    fresh.reset();
    const ns = (await fresh.import(cjsSidecar, () => Promise.resolve({}))) as { default: unknown; kind: string };
    expect(ns.default).toEqual({ kind: 'plain' });
    expect(ns.kind).toBe('plain');
  });

  it('forget returns the next file to its bundled instances', () => {
    const fresh = new FreshModules();
    fresh.reset();
    fresh.forget();
    expect(fresh.require(sidecar, () => bundled)).toBe(bundled);
  });

  it("forgets the file's packages on Jest's reset (not Vitest's), and around isolateModules puts the outer ones back", () => {
    const fresh = new FreshModules();
    const log: string[] = [];
    fresh.packages = { forget: () => (log.push('forget'), () => void log.push('put back')) };
    fresh.reset();
    expect(log).toEqual([]);
    fresh.reset({ packages: true });
    expect(log).toEqual(['forget']);
    log.length = 0;
    fresh.isolate(() => void log.push('callback'));
    expect(log).toEqual(['forget', 'callback', 'forget', 'put back']);
  });
});
