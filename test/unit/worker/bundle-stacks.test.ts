import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * A bundle built as ptest builds one (esbuild, ESM, inline map, sources not included), whose
 * `stacks()` returns the stacks of errors thrown in the ways a test file throws them: a plain
 * function, a method, a constructor, an async function awaited, a function esbuild renamed (two
 * modules' `helper`), and a Node error with its code.
 */
async function bundleIn(dir: string): Promise<string> {
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'src', 'other.ts'), 'export function helper(): Error {\n  return new Error("from the other helper");\n}\n');
  writeFileSync(
    join(dir, 'src', 'thing.ts'),
    [
      "import { readFileSync } from 'node:fs';",
      "import { helper as otherHelper } from './other';",
      'function helper(): Error {',
      '  return new Error("from helper");',
      '}',
      'class Box {',
      '  size: number;',
      '  constructor(fail: boolean) {',
      '    this.size = 1;',
      '    if (fail) throw new RangeError("in the constructor");',
      '  }',
      '  open(): Error { return new TypeError("in a method"); }',
      '}',
      'async function inner(): Promise<void> {',
      '  await Promise.resolve();',
      '  throw new Error("after an await");',
      '}',
      'async function outer(): Promise<void> {',
      '  await inner();',
      '}',
      'const caught = (f: () => unknown): Error => { try { f(); } catch (e) { return e as Error; } throw new Error("no throw"); };',
      'export async function stacks(): Promise<string[]> {',
      '  const awaited = await outer().catch((e: Error) => e);',
      '  const errors = [helper(), otherHelper(), new Box(false).open(), caught(() => new Box(true)), awaited, caught(() => readFileSync({} as string))];',
      '  return errors.map((e) => String(e.stack));',
      '}',
      '',
    ].join('\n'),
  );
  const bundle = join(dir, 'cache', 'bundles', 'thing.mjs');
  await build({ entryPoints: [join(dir, 'src', 'thing.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'esm', target: 'node20', sourcemap: 'inline', sourcesContent: false, logLevel: 'silent' });
  return bundle;
}

/** the header and the frames in the bundle's sources: where the two processes differ is outside them */
const ownLines = (stack: string) => stack.split('\n').filter((line, i) => i === 0 || /\/src\/(thing|other)\.ts:|thing\.mjs/.test(line));

/**
 * The bundle's stacks() from a fresh Node process (Vitest's own module runner would load the bundle
 * itself, and Node's loader is what ptest's workers use): by Node's own source-map support, or with
 * this module mapping the stacks of bundles under `mapped`.
 */
async function stacksIn(bundle: string, how: { nodeMaps: true } | { mapped: string }): Promise<string[]> {
  const url = `${pathToFileURL(bundle).href}?unit=1`;
  let setup = '';
  if ('mapped' in how) {
    const ours = join(dirname(bundle), 'bundle-stacks.mjs');
    await build({ entryPoints: [fileURLToPath(new URL('../../../src/worker/bundle-stacks.ts', import.meta.url))], outfile: ours, bundle: true, platform: 'node', format: 'esm', logLevel: 'silent' });
    setup = `(await import(${JSON.stringify(pathToFileURL(ours).href)})).mapStacksOfBundlesIn(${JSON.stringify(how.mapped)});`;
  }
  const script = `${setup} const { stacks } = await import(${JSON.stringify(url)}); console.log(JSON.stringify(await stacks()));`;
  const flags = 'nodeMaps' in how ? ['--enable-source-maps'] : [];
  return JSON.parse(execFileSync(process.execPath, [...flags, '--input-type=module', '-e', script], { encoding: 'utf8' })) as string[];
}

describe('bundle stack traces', () => {
  it('read exactly as Node prints them with its own source maps enabled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ptest-stacks-'));
    const bundle = await bundleIn(dir);
    const byNode = await stacksIn(bundle, { nodeMaps: true });
    const ours = await stacksIn(bundle, { mapped: join(dir, 'cache') });
    expect(ours.map(ownLines)).toEqual(byNode.map(ownLines));
    // what the comparison covers: mapped lines, a name esbuild changed, async and constructor frames, Node's error header
    const all = ours.join('\n');
    expect(all).toContain(`at helper (${join(dir, 'src', 'other.ts')}:2:10)`);
    expect(all).toMatch(/at async outer \(.*thing\.ts:19:3\)/);
    expect(all).toMatch(/at new Box \(.*thing\.ts:10:21\)/);
    expect(all).toContain('TypeError [ERR_INVALID_ARG_TYPE]: The "path" argument');
    expect(all).not.toContain('thing.mjs');
  });

  it('leave frames of modules outside the bundle folders as V8 writes them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ptest-stacks-'));
    const bundle = await bundleIn(dir);
    const [first] = await stacksIn(bundle, { mapped: join(dir, 'elsewhere') });
    expect(first).toMatch(/^Error: from helper\n {4}at helper\d? \(file:\/\/.*thing\.mjs\?unit=1:\d+:\d+\)/);
  });
});
