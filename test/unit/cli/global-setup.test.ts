import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runGlobalSetup } from '../../../src/cli/global-setup.js';

/**
 * The global setup modules run in this process, as they do in ptest's main one: each appends
 * what it does to globalThis.__hooks, which the tests read.
 */
declare global {
  var __hooks: string[] | undefined;
}

afterEach(() => {
  globalThis.__hooks = undefined;
});

function modules(files: Record<string, string>): { root: string; cacheDir: string; paths: Record<string, string> } {
  const root = mkdtempSync(join(tmpdir(), 'ptest-global-'));
  const paths: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    paths[name] = join(root, name);
    writeFileSync(paths[name], `const log = (line) => (globalThis.__hooks ??= []).push(line);\n${text}`);
  }
  return { root, cacheDir: join(root, '.cache'), paths };
}

async function setUp(files: Record<string, string>, order: { setup: string[]; teardown?: string[]; jest?: boolean; provide?: Record<string, unknown> }) {
  const { root, cacheDir, paths } = modules(files);
  const hooks = { provide: order.provide ?? {}, setup: order.setup.map((n) => paths[n] ?? n), teardown: (order.teardown ?? []).map((n) => paths[n] ?? n), jest: order.jest ?? false };
  return runGlobalSetup(hooks, cacheDir, root);
}

describe('runGlobalSetup', () => {
  it("runs ptest's and Vitest's setups in order, gathering what they provide, and their teardowns in reverse", async () => {
    const result = await setUp({
      'returns.mjs': "export default () => { log('setup returns'); return { port: 1, when: undefined }; };\nexport const teardown = () => log('teardown export');",
      'provides.mjs': "export default ({ provide, config }) => { log(`setup provides in ${config.root === process.cwd() ? 'cwd' : 'root'}`); provide('user', { name: 'ada' }); return () => log('returned teardown'); };",
      'named.mjs': "export function setup() { log('named setup'); }\nexport function teardown() { log('named teardown'); }",
      // as in Vitest, the export wins
      'both.mjs': "export default () => () => log('returned, unused');\nexport const teardown = () => log('exported teardown');",
    }, { setup: ['returns.mjs', 'provides.mjs', 'named.mjs', 'both.mjs'], provide: { port: 0, locale: 'en' } });
    if (!('provided' in result)) throw new Error(JSON.stringify(result.failures));
    // the config's own values (Vitest's provide) come first, a setup's win
    expect(result.provided).toEqual({ port: 1, locale: 'en', user: { name: 'ada' } });
    expect(await result.teardown()).toEqual([]);
    expect(globalThis.__hooks).toEqual(['setup returns', 'setup provides in root', 'named setup', 'exported teardown', 'named teardown', 'returned teardown', 'teardown export']);
  });

  it("calls Jest's with its two configs, not looking at what it returns, and loads globalTeardown once the tests are done", async () => {
    const result = await setUp({
      'setup.cjs': "module.exports = async (globalConfig, projectConfig) => { log(`setup ${globalConfig.rootDir === projectConfig.rootDir} ${globalConfig.watch}`); const server = { name: 'db' }; server.self = server; globalThis.__server = server; return server; };",
      'teardown.cjs': "log('teardown loaded');\nmodule.exports = async () => log(`teardown closes ${globalThis.__server.name}`);",
    }, { setup: ['setup.cjs'], teardown: ['teardown.cjs'], jest: true });
    if (!('provided' in result)) throw new Error(JSON.stringify(result.failures));
    expect(result.provided).toEqual({});
    expect(globalThis.__hooks).toEqual(['setup true false']);
    expect(await result.teardown()).toEqual([]);
    expect(globalThis.__hooks).toEqual(['setup true false', 'teardown loaded', 'teardown closes db']);
  });

  it('stops at a setup that throws, tearing down what already started, and names each module that failed', async () => {
    const result = await setUp({
      'first.mjs': "export default () => () => { log('first torn down'); throw new Error('port still busy'); };",
      'second.mjs': "export default () => { throw new Error('no database'); };",
      'third.mjs': "export default () => log('third');",
    }, { setup: ['first.mjs', 'second.mjs', 'third.mjs'] });
    expect('failures' in result && result.failures.map((f) => `${f.file}: ${f.message}`)).toEqual([
      'second.mjs: globalSetup second.mjs failed: no database',
      'first.mjs: globalSetup first.mjs teardown failed: port still busy',
    ]);
    expect(globalThis.__hooks).toEqual(['first torn down']);
  });

  it.each([
    ['a module with no setup function', { 'm.mjs': 'export const port = 1;' }, 'globalSetup m.mjs failed: it must export a default (or setup) function'],
    ['a value JSON cannot carry to the workers', { 'm.mjs': 'export default () => ({ big: 1n });' }, 'globalSetup m.mjs failed: Do not know how to serialize a BigInt'],
    ['a return that is neither values nor a teardown', { 'm.mjs': 'export default () => 42;' }, 'globalSetup m.mjs failed: it must return an object of values for inject(), a teardown function, or nothing'],
  ])('fails the run on %s, saying so in one line', async (_, files, message) => {
    const result = await setUp(files, { setup: ['m.mjs'] });
    expect('failures' in result && result.failures.map((f) => f.message)).toEqual([message]);
  });

  it("reports a Jest globalTeardown that throws, after the others ran", async () => {
    const result = await setUp({
      'setup.cjs': 'module.exports = () => {};',
      'teardown.cjs': "module.exports = () => { throw new Error('still connected'); };",
    }, { setup: ['setup.cjs'], teardown: ['teardown.cjs'], jest: true });
    if (!('provided' in result)) throw new Error(JSON.stringify(result.failures));
    expect((await result.teardown()).map((e) => e.message)).toEqual(['globalTeardown teardown.cjs failed: still connected']);
  });
});
