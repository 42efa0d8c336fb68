import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The folder rules that keep the pipeline's seams honest, checked on the source text:
 * pure folders touch no I/O, the worker side does not reach into the coordinator, and only the
 * pool knows piscina.
 */
const SRC = join(import.meta.dirname, '..', '..', 'src');

function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

const files = sources().map((file) => ({ path: relative(SRC, file), imports: importsOf(file) }));
const inFolder = (folder: string) => files.filter((f) => f.path.startsWith(`${folder}/`));

describe('module boundaries', () => {
  it.each(['plan', 'model'])('%s/ is pure: no node:* modules and nothing from run/', (folder) => {
    for (const file of inFolder(folder)) {
      const bad = file.imports.filter((i) => i.startsWith('node:') || i.includes('/run/'));
      expect(bad, file.path).toEqual([]);
    }
  });

  it('worker/ imports from ptest only model/, transform/, sandbox/, io/, compat/ and the runtime paths', () => {
    for (const file of inFolder('worker')) {
      const own = file.imports.filter((i) => i.startsWith('..'));
      const bad = own.filter((i) => !/^\.\.\/(model|transform|sandbox|io|compat)\/|^\.\.\/runtime-paths\.js$/.test(i));
      expect(bad, file.path).toEqual([]);
    }
  });

  it('only run/host/thread-pools.ts imports piscina', () => {
    const users = files.filter((f) => f.imports.includes('piscina')).map((f) => f.path);
    expect(users).toEqual(['run/host/thread-pools.ts']);
  });

  it("loads the bundler's plugins (and Babel's parser) only for a build: nothing else imports them statically", () => {
    const plugins = /\/(build-batch|build-bundle|mock-plugin|mock-targets|node-paths-plugin|hoist-mocks)\.js$/;
    const users = files.filter((f) => f.imports.some((i) => plugins.test(i))).map((f) => f.path);
    expect(users.sort()).toEqual(['transform/build-batch.ts', 'transform/build-bundle.ts', 'transform/import-chain.ts', 'transform/mock-plugin.ts', 'transform/mock-targets.ts', 'transform/node-paths-plugin.ts']);
  });

  it('keeps every source file under 250 lines', () => {
    const long = sources().filter((f) => readFileSync(f, 'utf8').split('\n').length > 250);
    expect(long).toEqual([]);
  });
});
