import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { singleFileCopy } from '../../../src/transform/package-copy.js';
import { requireCached } from '../../../src/worker/cached-load.js';

/**
 * An installed ES module package of several files (as happy-dom is) whose dependency is CommonJS
 * and requires a Node builtin at run time.
 */
function project(): { entry: string; cacheDir: string; write: (path: string, code: string) => void } {
  const root = mkdtempSync(join(tmpdir(), 'ptest-copy-'));
  const write = (path: string, code: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), code);
  };
  write('node_modules/dom/package.json', '{ "name": "dom", "version": "1.0.0", "type": "module", "main": "lib/index.js" }');
  write('node_modules/dom/lib/index.js', "export { Window } from './window.js';\nexport { version } from './version.js';");
  write('node_modules/dom/lib/window.js', "import { emitter } from 'events-dep';\nexport class Window { events = emitter(); }");
  write('node_modules/dom/lib/version.js', "export const version = 'one';");
  write('node_modules/events-dep/package.json', '{ "name": "events-dep", "version": "1.0.0", "main": "index.js" }');
  write('node_modules/events-dep/index.js', "exports.emitter = () => new (require('node:' + 'events').EventEmitter)();");
  return { entry: join(root, 'node_modules/dom/lib/index.js'), cacheDir: join(root, 'cache'), write };
}

const load = async (path: string) => (await import(`${pathToFileURL(path).href}?t=${Math.random()}`)) as { Window: new () => { events: { emit: unknown } }; version: string };

describe('singleFileCopy', () => {
  it('puts the package and its dependencies in one ES module that works as the package does', async () => {
    const { entry, cacheDir } = project();
    const copy = await singleFileCopy(entry, cacheDir);
    const code = readFileSync(copy, 'utf8');
    expect(code).not.toMatch(/from ["'][^"']*(window|version)\.js/);
    const dom = await load(copy);
    expect(dom.version).toBe('one');
    expect(typeof new dom.Window().events.emit).toBe('function');
  });

  it('is built once, and again when a package in it is installed anew', async () => {
    const { entry, cacheDir, write } = project();
    const copy = await singleFileCopy(entry, cacheDir);
    const builtAt = statSync(copy).mtimeMs;
    expect(await singleFileCopy(entry, cacheDir)).toBe(copy);
    expect(statSync(copy).mtimeMs).toBe(builtAt);

    write('node_modules/dom/lib/version.js', "export const version = 'two';");
    write('node_modules/dom/package.json', '{ "name": "dom", "version": "2.0.0", "type": "module", "main": "lib/index.js" }');
    expect((await load(await singleFileCopy(entry, cacheDir))).version).toBe('two');
  });

  it("keeps a CommonJS file's require.resolve of a file beside it (as jsdom's) and its __dirname", async () => {
    const { cacheDir, write } = project();
    write('node_modules/cjs-dom/package.json', '{ "name": "cjs-dom", "version": "1.0.0", "main": "lib/index.js" }');
    write('node_modules/cjs-dom/lib/worker.js', '');
    write(
      'node_modules/cjs-dom/lib/index.js',
      [
        '#!/usr/bin/env node',
        '"use strict"',
        'exports.worker = require.resolve ? require.resolve("./worker.js") : null;',
        'exports.dir = __dirname;',
      ].join('\n'),
    );
    const entry = join(dirname(cacheDir), 'node_modules/cjs-dom/lib/index.js');
    const path = await singleFileCopy(entry, cacheDir);
    const copy = (await load(path)) as unknown as { default: { worker: string; dir: string } };
    expect(copy.default).toEqual({ worker: join(dirname(entry), 'worker.js'), dir: dirname(entry) });
    // a CommonJS package is copied as CommonJS, which a worker compiles from V8's code cache
    expect(path).toMatch(/\.cjs$/);
    expect(requireCached(path, join(cacheDir, 'v8'))).toEqual(copy.default);
  });

  it('leaves a __dirname the package declares itself to the package', async () => {
    const { cacheDir, write } = project();
    write('node_modules/esm-dom/package.json', '{ "name": "esm-dom", "version": "1.0.0", "type": "module", "main": "index.js" }');
    write('node_modules/esm-dom/index.js', "import { fileURLToPath } from 'node:url';\nconst __dirname = fileURLToPath(new URL('.', import.meta.url));\nexport const dir = __dirname;");
    const entry = join(dirname(cacheDir), 'node_modules/esm-dom/index.js');
    // its own declaration names the copy's folder: the point is that the copy builds and loads at all
    const copy = (await load(await singleFileCopy(entry, cacheDir))) as unknown as { dir: unknown };
    expect(typeof copy.dir).toBe('string');
  });

  it('leaves an optional dependency that is not installed to a require at run time, as jsdom 16 looks for canvas', async () => {
    const { cacheDir, write } = project();
    write('node_modules/optional-dom/package.json', '{ "name": "optional-dom", "version": "1.0.0", "main": "index.js" }');
    write('node_modules/optional-dom/index.js', 'let installed = false;\ntry { require.resolve("canvas"); installed = true; } catch {}\nexports.canvas = installed ? require("canvas") : null;');
    const entry = join(dirname(cacheDir), 'node_modules/optional-dom/index.js');
    const copy = (await load(await singleFileCopy(entry, cacheDir))) as unknown as { default: { canvas: unknown } };
    expect(copy.default.canvas).toBeNull();
  });

  it('records a package it cannot copy, as a copy that throws, so that no worker builds it again', async () => {
    const { cacheDir, write } = project();
    write('node_modules/broken/package.json', '{ "name": "broken", "version": "1.0.0", "main": "index.js" }');
    write('node_modules/broken/index.js', 'exports.x = require("./missing-file.js");');
    const entry = join(dirname(cacheDir), 'node_modules/broken/index.js');
    await expect(singleFileCopy(entry, cacheDir)).rejects.toThrow(/missing-file/);
    const recorded = await singleFileCopy(entry, cacheDir);
    await expect(load(recorded)).rejects.toThrow(`ptest could not copy ${entry}`);
  });

  it('keeps the names of classes that share a name in different files of the package (jsdom has two DocumentFragments)', async () => {
    const { cacheDir, write } = project();
    write('node_modules/named/package.json', '{ "name": "named", "version": "1.0.0", "type": "module", "main": "index.js" }');
    write('node_modules/named/impl.js', 'export class Fragment {}');
    write('node_modules/named/index.js', "import { Fragment as Impl } from './impl.js';\nexport class Fragment extends Impl {}\nexport { Impl };");
    const entry = join(dirname(cacheDir), 'node_modules/named/index.js');
    const copy = (await load(await singleFileCopy(entry, cacheDir))) as unknown as { Fragment: { name: string }; Impl: { name: string } };
    expect([copy.Fragment.name, copy.Impl.name]).toEqual(['Fragment', 'Fragment']);
  });
});
