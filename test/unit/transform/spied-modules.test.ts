import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleFile } from '../../../src/transform/bundle-file.js';
import { spiedSpecifiers } from '../../../src/transform/spied-modules.js';
import { project, testOptions } from './project.js';

/** spyOn on a local module's namespace: which modules are bundled so that the spy reaches their importers. */
describe('spiedSpecifiers', () => {
  it('names the modules a file imports as a namespace or requires whole and spies on', () => {
    const source = [
      "import * as rates from './rates';",
      "import * as other from './other';",
      "const store = require('./store');",
      "jest.spyOn(rates, 'taxRate');",
      "vi.spyOn(store, 'get');",
      "spyOn(rates, 'taxRate');",
      "import * as utils from './utils';",
      "Object.defineProperty(utils, 'isServer', { get: () => true });",
    ].join('\n');
    expect(spiedSpecifiers(source, '/p/a.test.ts')).toEqual(['./rates', './store', './utils']);
  });

  it('ignores spies on anything else, and type-only namespace imports', () => {
    const source = "import type * as t from './types';\nimport { f } from './f';\njest.spyOn(console, 'log');\njest.spyOn(t, 'x');\n";
    expect(spiedSpecifiers(source, '/p/a.test.ts')).toEqual([]);
  });
});

describe('a spied module in a bundle', () => {
  it('takes a spy on its namespace for every importer, in a "type": "module" package too', async () => {
    const dir = project({
      'package.json': '{ "type": "module" }',
      'rates.ts': "export function taxRate(region: string): number { return region === 'eu' ? 0.2 : 0.1; }",
      'invoice.ts': "import { taxRate } from './rates';\nexport const total = (cents: number): number => Math.round(cents * (1 + taxRate('eu')));",
      'a.test.ts': [
        "import * as rates from './rates';",
        "import { total } from './invoice';",
        'const spyOn = (ns: any, key: string, value: unknown) => Object.defineProperty(ns, key, { get: () => value, configurable: true });',
        "const before = total(100);",
        "spyOn(rates, 'taxRate', () => 0.5);",
        '(globalThis as any).spiedTotals = [before, total(100)];',
      ].join('\n'),
    });
    await import(pathToFileURL(await bundleFile(join(dir, 'a.test.ts'), testOptions(dir))).href);
    expect((globalThis as { spiedTotals?: number[] }).spiedTotals).toEqual([120, 150]);
  });

  it('takes a namespace a helper module the test imports redefines an export on (TanStack Query\'s setIsServer)', async () => {
    const dir = project({
      'utils.ts': 'export const isServer = false;',
      'consumer.ts': "import { isServer } from './utils';\nexport const readIsServer = (): boolean => isServer;",
      'helpers.ts': "import * as utils from './utils';\nexport function setIsServer(value: boolean): void {\n  Object.defineProperty(utils, 'isServer', { get: () => value });\n}",
      'a.test.ts': "import { setIsServer } from './helpers';\nimport { readIsServer } from './consumer';\nsetIsServer(true);\n(globalThis as any).server = readIsServer();",
    });
    await import(pathToFileURL(await bundleFile(join(dir, 'a.test.ts'), testOptions(dir))).href);
    expect((globalThis as { server?: boolean }).server).toBe(true);
  });

  it("takes a spy on an export called `name` or `key` too (esbuild renames its helpers' variables then)", async () => {
    const dir = project({
      'user.ts': "export const name = (): string => 'real';\nexport const key = 1;",
      'a.test.ts': [
        "import * as user from './user';",
        "Object.defineProperty(user, 'name', { get: () => () => 'spied', configurable: true });",
        'const spyOn = (_ns: unknown, _key: string) => undefined;',
        "spyOn(user, 'key');",
        '(globalThis as any).named = user.name();',
      ].join('\n'),
    });
    await import(pathToFileURL(await bundleFile(join(dir, 'a.test.ts'), testOptions(dir))).href);
    expect((globalThis as { named?: string }).named).toBe('spied');
  });

  it('is compiled with the tsconfig its build would use (extends followed): legacy decorators here', async () => {
    const dir = project({
      'tsconfig.base.json': JSON.stringify({ compilerOptions: { experimentalDecorators: true } }),
      'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json' }),
      // a legacy decorator gets the method's name; a standard one would get a context object
      'service.ts': [
        'const seen: string[] = [];',
        'function logged(_target: object, key: string) { seen.push(typeof key); }',
        'export class Service { @logged run(): number { return 1; } }',
        'export const decorated = (): string[] => seen;',
      ].join('\n'),
      'a.test.ts': [
        "import * as service from './service';",
        'const spyOn = (ns: any, key: string) => Object.defineProperty(ns, key, { get: () => () => [\'spied\'], configurable: true });',
        "const before = service.decorated();",
        "spyOn(service, 'decorated');",
        '(globalThis as any).decorated = [before, service.decorated()];',
      ].join('\n'),
    });
    await import(pathToFileURL(await bundleFile(join(dir, 'a.test.ts'), testOptions(dir))).href);
    expect((globalThis as { decorated?: string[][] }).decorated).toEqual([['string'], ['spied']]);
  });
});
