import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { freshModules } from '../../../src/compat/fresh-modules.js';
import { bundleFile } from '../../../src/transform/bundle-file.js';
import { freshPath } from '../../../src/transform/fresh-build.js';
import { project, testOptions } from './project.js';

/** A bundle whose file resets its modules, with the CommonJS builds beside it, run for real. */
afterEach(() => freshModules.forget());

interface TestModule {
  reset(): void;
  load(): Promise<{ next(): number; tags: string[] }>;
  loadTla(): Promise<unknown>;
  loadStore(): Promise<{ items: string[] }>;
  loadActions(): Promise<{ default: (item: string) => void; store: { items: string[] } }>;
  loadCycle(): Promise<{ fromB: string }>;
}

function resettingProject(): string {
  return project({
    'node_modules/cjs-pkg/package.json': '{ "name": "cjs-pkg" }',
    'node_modules/cjs-pkg/index.js': "exports.tag = 'cjs';",
    'node_modules/esm-pkg/package.json': '{ "name": "esm-pkg", "type": "module", "exports": "./index.js" }',
    'node_modules/esm-pkg/index.js': "export const tag = 'esm';",
    'counter.ts': "import { tag } from 'cjs-pkg';\nimport { tag as esm } from 'esm-pkg';\nlet n = 0;\nexport const next = (): number => ++n;\nexport const tags = [tag, esm];",
    'tla.ts': 'export const v = await Promise.resolve(1);',
    'store.ts': 'export const items: string[] = [];',
    'actions.ts': "import * as store from './store';\nimport { items } from './store.js';\nexport default (item: string) => void items.push(item);\nexport { store };",
    'cycle-a.ts': "import { b } from './cycle-b';\nexport const a = 'a';\nexport const fromB = b();",
    'cycle-b.ts': "import { a } from './cycle-a';\nexport const b = () => `b saw ${a}`;",
    'a.test.ts': [
      "const vi = { resetModules: () => (globalThis as any)[Symbol.for('ptest.compat.fresh')].reset() };",
      // the bundle's entry imports the file: what the test reads goes out through a global
      '(globalThis as any).freshTest = {',
      '  reset: () => vi.resetModules(),',
      "  load: () => import('./counter'),",
      "  loadTla: () => import('./tla'),",
      "  loadStore: () => import('./store'),",
      "  loadActions: () => import('./actions'),",
      "  loadCycle: () => import('./cycle-a'),",
      '};',
    ].join('\n'),
  });
}

async function bundled(): Promise<TestModule> {
  const dir = resettingProject();
  await import(pathToFileURL(await bundleFile(join(dir, 'a.test.ts'), testOptions(dir))).href);
  return (globalThis as { freshTest?: TestModule }).freshTest!;
}

it('loads a fresh instance of a local module after a reset, its packages required by path', async () => {
  const mod = await bundled();
  const before = await mod.load();
  expect(before.next()).toBe(1);
  mod.reset();
  const after = await mod.load();
  expect(after).not.toBe(before);
  expect(after.next()).toBe(1);
  expect(after.tags).toEqual(['cjs', 'esm']);
});

it('names the module and the reason when it cannot be built to load afresh', async () => {
  const mod = await bundled();
  await expect(mod.loadTla()).resolves.toMatchObject({ v: 1 });
  mod.reset();
  await expect(mod.loadTla()).rejects.toThrow(/ptest cannot load \S*tla\.ts afresh after resetModules: Top-level await/);
});

it('after a reset, shares one instance of a module between the test and the modules importing it, as a registry does', async () => {
  const mod = await bundled();
  mod.reset();
  const store = await mod.loadStore();
  const actions = await mod.loadActions();
  actions.default('pen');
  expect(store.items).toEqual(['pen']);
  expect(actions.store).toBe(store);
  mod.reset();
  expect((await mod.loadStore()).items).toEqual([]);
});

it('after a reset, loads an import cycle once: cycle-b holds the cycle-a being loaded, and reads it live', async () => {
  const mod = await bundled();
  mod.reset();
  expect((await mod.loadCycle()).fromB).toBe('b saw a');
});

it('builds again when a module\'s build beside the cached bundle is gone (a cache pruned by hand)', async () => {
  const dir = resettingProject();
  const bundle = await bundleFile(join(dir, 'a.test.ts'), testOptions(dir));
  const store = freshPath(bundle, join(dir, 'store.ts'));
  expect(existsSync(store)).toBe(true);
  rmSync(store);
  expect(await bundleFile(join(dir, 'a.test.ts'), testOptions(dir))).toBe(bundle);
  expect(existsSync(store)).toBe(true);
});
