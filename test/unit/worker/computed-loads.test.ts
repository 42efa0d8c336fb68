import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freshModules } from '../../../src/compat/fresh-modules.js';
import { moduleMocks } from '../../../src/compat/module-mocks.js';
import { freshPath } from '../../../src/transform/fresh-build.js';
import { formatStack } from '../../../src/worker/bundle-stacks.js';
import { ComputedLoads } from '../../../src/worker/computed-loads.js';

/** What a `require(name)` / `import(name)` routed to the thread's loader gets. */
const dir = mkdtempSync(join(tmpdir(), 'ptest-computed-'));
symlinkSync(join(process.cwd(), 'node_modules'), join(dir, 'node_modules'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  moduleMocks.forget();
  freshModules.forget();
});

const file = (path: string, text: string): string => {
  const full = join(dir, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, text);
  return full;
};
const from = file('src/pick.ts', '');
const test = file('src/pick.test.ts', '');
file('src/plugins/upper.ts', "import { shout } from '../shout';\nexport const name: string = 'upper';\nexport const apply = (s: string): string => shout(s);\n");
file('src/shout.ts', 'let calls = 0;\nexport const shout = (s: string): string => `${s.toUpperCase()}${++calls}`;\n');
file('src/plugins/index.ts', "export { name } from './upper.js';\n");
file('src/data.json', '{ "answer": 42 }\n');
file('src/lib/package.json', '{ "main": "./entry" }\n');
file('src/lib/entry.ts', "export const entry: string = 'main';\n");
file('src/broken.ts', 'export const x = 1;\nthrow new Error("broken at load");\n');

function loader(bundle = join(dir, 'cache', 'pick.test.mjs')): ComputedLoads {
  const loads = new ComputedLoads();
  loads.beginFile(bundle);
  freshModules.beginFile(test);
  return loads;
}

describe('ComputedLoads', () => {
  it('loads a TypeScript module beside the file that wrote the load, its own imports included, once per file', () => {
    const loads = loader();
    const upper = loads.require('./plugins/upper', from) as { apply(s: string): string };
    expect(upper.apply('a')).toBe('A1');
    // the same instance, and the same instance of what it imported
    expect(loads.require('./plugins/upper.js', from)).toBe(upper);
    expect((loads.require('./shout', from) as { shout(s: string): string }).shout('b')).toBe('B2');
    // a folder's index, and JSON
    expect(loads.require('./plugins', from)).toMatchObject({ name: 'upper' });
    expect(loads.require('./data.json', from)).toEqual({ answer: 42 });
    // a folder's package.json main
    expect(loads.require('./lib', from)).toMatchObject({ entry: 'main' });
  });

  it('gives fresh instances after a reset, shared by every load in the new registry', () => {
    const loads = loader();
    const before = loads.require('./shout', from);
    freshModules.reset();
    const after = loads.require('./shout', from);
    expect(after).not.toBe(before);
    expect(loads.require('./shout.ts', from)).toBe(after);
  });

  it('uses the bundled load of a choice between literals until the file resets', () => {
    const loads = loader();
    const bundled = { bundled: true };
    expect(loads.require('./shout', from, { './shout': () => bundled })).toBe(bundled);
    freshModules.reset();
    expect(loads.require('./shout', from, { './shout': () => bundled })).not.toBe(bundled);
  });

  it("after a reset, takes the module's build beside the bundle when a literal load made one", () => {
    const bundle = join(dir, 'cache', 'with-sidecar.mjs');
    file(`cache/${freshPath(bundle, join(dir, 'src/shout.ts')).split('/cache/')[1]}`, 'module.exports = { fromSidecar: true };\n');
    const loads = loader(bundle);
    expect(loads.require('./shout', from)).not.toHaveProperty('fromSidecar');
    freshModules.reset();
    expect(loads.require('./shout', from)).toEqual({ fromSidecar: true });
  });

  it('answers with a mock registered for the module, by path, or a package by its name', () => {
    const loads = loader();
    moduleMocks.register(join(dir, 'src/shout.ts'), '../src/shout', 'jest', () => ({ shout: () => 'mocked' }), { actual: () => ({}) });
    expect((loads.require('./shout', from) as { shout(): string }).shout()).toBe('mocked');
    moduleMocks.register('/elsewhere/node_modules/left-pad/index.js', 'left-pad', 'jest', () => {
      throw new Error('not installed');
    }, { actual: () => ({}) });
    expect(() => loads.require('left-pad', from)).toThrow('not installed');
  });

  it('answers a name where nothing is with its virtual mock: a package by its name, a path by where it points', async () => {
    const loads = loader();
    moduleMocks.register('auto-plugin-foo', 'auto-plugin-foo', 'jest', () => ({ name: 'foo' }), { actual: () => ({}) });
    moduleMocks.register(join(dir, 'src/generated'), '../src/generated', 'jest', () => ({ name: 'generated' }), { actual: () => ({}) });
    expect(loads.require('auto-plugin-foo', from)).toEqual({ name: 'foo' });
    expect(loads.require('./generated', from)).toEqual({ name: 'generated' });
    expect(await loads.import('./generated', from, (s) => import(s))).toMatchObject({ name: 'generated' });
    // no mock at the path: Jest's error, thrown when the load runs
    expect(() => loads.require('./generated-not', from)).toThrow(`Cannot find module './generated-not' from '${from}'`);
    await expect(loads.import('./generated-not', from, (s) => import(s))).rejects.toThrow("Cannot find module './generated-not'");
  });

  it("looks for a bare name in Jest's modulePaths when no node_modules has it", () => {
    const loads = new ComputedLoads();
    loads.beginFile(join(dir, 'cache', 'pick.test.mjs'), undefined, undefined, [join(dir, 'src', 'plugins')]);
    expect(loads.require('upper', test)).toMatchObject({ name: 'upper' });
    expect(loads.require('picomatch', test)).toBe(require('picomatch'));
    expect(() => new ComputedLoads().require('upper', test)).toThrow();
  });

  it("applies the suite's aliases to the name first, as the bundle does", () => {
    const loads = new ComputedLoads();
    loads.beginFile(join(dir, 'cache', 'pick.test.mjs'), (specifier) => (specifier.startsWith('@/') ? join(dir, 'src', specifier.slice(2)) : specifier === 'pm' ? 'picomatch' : undefined));
    expect(loads.require('@/plugins/upper', from)).toMatchObject({ name: 'upper' });
    expect(loads.require('pm', from)).toBe(require('picomatch'));
    expect(() => loads.require('@/nowhere', from)).toThrow(`Cannot find module '@/nowhere' from '${from}'`);
  });

  it('applies tsconfig `paths`, then `baseUrl`, before node_modules, as esbuild does in the bundle', () => {
    file('app/tsconfig.json', '{ "compilerOptions": { "baseUrl": ".", "paths": { "~/*": ["src/*"] } } }\n');
    file('app/src/greet.ts', "export const greet = (n: string): string => `hi ${n}`;\n");
    file('app/lib/picomatch.ts', "export const shadow = 'local';\n");
    const inApp = file('app/src/pick.ts', '');
    const loads = loader();
    expect(loads.require('~/greet', inApp)).toBe(loads.require('./greet', inApp));
    expect(loads.require('lib/picomatch', inApp)).toMatchObject({ shadow: 'local' });
    expect(loads.require('picomatch', inApp)).toBe(require('picomatch'));
    expect(() => loads.require('~/nowhere', inApp)).toThrow("Cannot find module '~/nowhere'");
  });

  it('gives packages and builtins from Node, shared', () => {
    const loads = loader();
    expect(loads.require('node:path', from)).toBe(require('node:path'));
    expect(loads.require('picomatch', from)).toBe(require('picomatch'));
  });

  it('imports: a namespace for a local module, Node for a package, and the mock when there is one', async () => {
    const loads = loader();
    const native = (specifier: string) => Promise.resolve({ native: specifier });
    expect(await loads.import('./plugins/upper', from, native)).toMatchObject({ name: 'upper' });
    expect(await loads.import('./data.json', from, native)).toMatchObject({ default: { answer: 42 } });
    expect(await loads.import('some-package', from, native)).toEqual({ native: 'some-package' });
    moduleMocks.register(join(dir, 'src/data.json'), './data.json', 'vitest', async () => ({ answer: 'mocked' }), { actual: () => ({}) });
    expect(await loads.import('./data.json', from, native)).toMatchObject({ answer: 'mocked' });
  });

  it('names what it cannot find, and lets an error thrown while loading through, loading it again next time', () => {
    const loads = loader();
    expect(() => loads.require('./missing', from)).toThrow(`Cannot find module './missing' from '${from}'`);
    expect(() => loads.require('./broken', from)).toThrow('broken at load');
    expect(() => loads.require('./broken', from)).toThrow('broken at load');
  });

  it("maps the stack of an error thrown in a compiled module to the TypeScript source's lines", () => {
    file('src/throws.ts', 'type T = { n: number };\n\nexport function fail(t: T): never {\n  throw new Error(`failed ${t.n}`);\n}\n');
    const { fail } = loader().require('./throws', from) as { fail(t: { n: number }): never };
    const previous = Error.prepareStackTrace;
    Error.prepareStackTrace = formatStack;
    let stack: string | undefined;
    try {
      fail({ n: 1 });
    } catch (error) {
      stack = (error as Error).stack;
    } finally {
      Error.prepareStackTrace = previous;
    }
    expect(stack).toContain(`at fail (${join(dir, 'src/throws.ts')}:4:9)`);
  });
});
