import { mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireCached } from '../../../src/worker/cached-load.js';

/** a CommonJS file, and a code cache folder of its own */
function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'ptest-cached-load-'));
  const file = join(dir, 'runtime.cjs');
  writeFileSync(file, 'exports.answer = 41 + 1;\nexports.dir = __dirname;\nexports.joined = require("node:path").join("a", "b");\nexports.loads = (globalThis.__ptestCachedLoads ?? 0) + 1;\nglobalThis.__ptestCachedLoads = exports.loads;\n');
  const cacheDir = join(dir, 'cache');
  const forget = () => delete (createRequire(file).cache as Record<string, unknown>)[file];
  const cacheFile = () => join(cacheDir, readdirSync(cacheDir)[0]!);
  return { dir, file, cacheDir, forget, cacheFile };
}

describe('requireCached', () => {
  it('loads a CommonJS file once, as require would, and keeps V8’s code cache of it', () => {
    const { dir, file, cacheDir } = setUp();
    const loaded = requireCached(file, cacheDir) as Record<string, unknown>;
    expect(loaded).toMatchObject({ answer: 42, dir, joined: join('a', 'b') });
    // the same instance for a plain require of it (the test API's shim requires it so)
    expect(createRequire(file)(file)).toBe(loaded);
    expect(requireCached(file, cacheDir)).toBe(loaded);
    expect(readdirSync(cacheDir)).toHaveLength(1);
  });

  it('compiles a later load from the cache, leaving it as it is', () => {
    const { file, cacheDir, forget, cacheFile } = setUp();
    requireCached(file, cacheDir);
    const written = statSync(cacheFile()).ino;
    forget();
    expect(requireCached(file, cacheDir)).toMatchObject({ answer: 42 });
    expect(statSync(cacheFile()).ino).toBe(written);
  });

  it('replaces a damaged cache, and still loads the file', () => {
    const { file, cacheDir, forget, cacheFile } = setUp();
    utimesSync(file, 1_000_000, 1_000_000);
    requireCached(file, cacheDir);
    // new source of the same size and time (so the same cache file): V8's own in-memory cache cannot answer
    writeFileSync(file, readFileSync(file, 'utf8').replace('41 + 1', '40 + 3'));
    utimesSync(file, 1_000_000, 1_000_000);
    writeFileSync(cacheFile(), 'not a code cache');
    const damaged = statSync(cacheFile()).ino;
    forget();
    expect(requireCached(file, cacheDir)).toMatchObject({ answer: 43 });
    expect(statSync(cacheFile()).ino).not.toBe(damaged);
  });

  it('keeps one cache per file: a new build of it replaces the cache of the one before', () => {
    const { file, cacheDir, forget } = setUp();
    const other = join(cacheDir, '..', 'other.cjs');
    writeFileSync(other, 'exports.other = true;');
    requireCached(other, cacheDir);
    utimesSync(file, 1_000_000, 1_000_000);
    requireCached(file, cacheDir);
    forget();
    utimesSync(file, 2_000_000, 2_000_000);
    requireCached(file, cacheDir);
    // the other file's cache, and the new build's
    expect(readdirSync(cacheDir)).toHaveLength(2);
  });

  it('loads the file when the cache folder cannot be written', () => {
    const { file, dir } = setUp();
    const notADir = join(dir, 'a-file');
    writeFileSync(notADir, '');
    expect(requireCached(file, notADir)).toMatchObject({ answer: 42 });
  });
});
