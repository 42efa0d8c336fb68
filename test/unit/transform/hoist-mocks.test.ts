import { describe, expect, it } from 'vitest';
import { deferredLoadCall } from '../../../src/transform/deferred-imports.js';
import { hoistMocks, mockSpecifiers, REGISTRY } from '../../../src/transform/hoist-mocks.js';

/** The rewrite that puts mocks before imports: what runs first, what is registered, what stays. */
const ids = (specifier: string) => ({ id: `/p/${specifier.replace(/^\.\//, '')}.ts` });
const code = (source: string, file = '/p/a.test.ts') => hoistMocks(source, file, ids)!.replace(/\n\/\/# sourceMappingURL=.*\n$/, '');
/** the statements of the output, in order, without blank lines */
const lines = (output: string) => output.split('\n').map((l) => l.trim()).filter(Boolean);

describe('hoistMocks', () => {
  it('leaves a file without mock calls alone', () => {
    expect(hoistMocks(`import { a } from './a';\ntest('x', () => a());\n`, '/p/a.test.ts', ids)).toBeUndefined();
  });

  it('runs vi.hoisted and vi.mock before every other import (and the packages only they load), which become awaited dynamic imports in order', () => {
    const out = lines(code(`import { a } from './a';\nimport def, * as ns from 'n';\nimport { vi } from 'vitest';\nconst x = 1;\nvi.mock('./a', () => ({ a: 2 }))\nconst { h } = vi.hoisted(() => ({ h: 3 }));\n`));
    expect(out.slice(0, 7)).toEqual([
      `${REGISTRY}.register("/p/a.ts", "./a", "vitest", () => ({ a: 2 }), { actual: () => import("ptest-actual:/p/a.ts") });`,
      'const { h } = vi.hoisted(() => ({ h: 3 }));;',
      `await ${REGISTRY}.settle();`,
      deferredLoadCall('/p/a.test.ts'),
      'const { a } = await import("./a");',
      'const ns = await import("n"); const { default: def } = ns;',
      "import { vi } from 'vitest';",
    ]);
    expect(out).toContain('const x = 1;');
  });

  it("registers a virtual mock with no real module behind it: asking for the real one throws Jest's not-found error", () => {
    const virtual = (specifier: string) => (specifier === 'auto-plugin-foo' ? { id: 'auto-plugin-foo', virtual: true as const } : undefined);
    const source = `const plugin = require('auto-plugin-foo');\njest.mock('auto-plugin-foo', () => ({ name: 'foo' }), { virtual: true });\nconst real = () => jest.requireActual('auto-plugin-foo');\n`;
    const out = lines(hoistMocks(source, '/p/a.test.js', virtual)!);
    const thrower = `() => { throw Object.assign(new Error("Cannot find module 'auto-plugin-foo' from '/p/a.test.js'"), { code: 'MODULE_NOT_FOUND' }); }`;
    expect(out[0]).toBe(`${REGISTRY}.register("auto-plugin-foo", "auto-plugin-foo", "jest", () => ({ name: 'foo' }), { actual: ${thrower} });;`);
    expect(out).toContain(`const real = () => (${thrower})();`);
    expect(out.join('\n')).not.toContain('ptest-actual:');
  });

  it("makes Jest's mock of a module that does not exist throw Jest's not-found error where it runs; Vitest's does nothing", () => {
    const none = (specifier: string) => (specifier === './gone.ts' ? null : ids(specifier));
    const jest = lines(hoistMocks(`jest.mock('./gone.ts');\njest.mock('./a');\n`, '/p/a.test.js', none)!);
    expect(jest[0]).toBe(`(() => { throw Object.assign(new Error("Cannot find module './gone.ts' from '/p/a.test.js'"), { code: 'MODULE_NOT_FOUND' }); })();;`);
    expect(jest[1]).toMatch(/register\("\/p\/a\.ts"/);
    expect(lines(hoistMocks(`vi.mock('./gone.ts');\n`, '/p/a.test.ts', none)!)[0]).toBe('undefined;;');
    // a helper's call, which no scan resolved, is left for the runtime to refuse
    expect(hoistMocks(`jest.mock('./x');\n`, '/p/helper.js', () => undefined)).toContain(`jest.mock('./x')`);
  });

  it('keeps a mock call already first in the file first', () => {
    const out = lines(code(`vi.mock('./a');\nimport { a } from './a';\nvi.mock('./b');\n`));
    expect(out[0]).toMatch(/^globalThis.*register\("\/p\/a\.ts"/);
    expect(out[1]).toMatch(/^globalThis.*register\("\/p\/b\.ts"/);
    expect(out.indexOf('const { a } = await import("./a");')).toBeGreaterThan(1);
  });

  it("hoists Vitest's vi.mock written inside a test or a callback, as Vitest does, leaving an expression in its place; Jest's stays in its block", () => {
    const out = lines(code(`import { a } from './a';\ntest('x', async () => {\n  vi.mock('./a', () => ({ a: 2 }));\n  expect(a).toBe(2);\n});\nbeforeEach(() => vi.unmock('./b'));\n`));
    expect(out.slice(0, 2)).toEqual([
      `${REGISTRY}.register("/p/a.ts", "./a", "vitest", () => ({ a: 2 }), { actual: () => import("ptest-actual:/p/a.ts") });`,
      `${REGISTRY}.unregister("/p/b.ts");`,
    ]);
    expect(out).toContain('void 0;');
    expect(out).toContain('beforeEach(() => void 0);');
    expect(out.indexOf('const { a } = await import("./a");')).toBeGreaterThan(out.indexOf(`await ${REGISTRY}.settle();`));
    const jest = lines(code(`const { a } = require('./a');\ntest('x', () => {\n  jest.mock('./a');\n});\n`, '/p/a.test.js'));
    expect(jest[0]).toBe("const { a } = require('./a');");
  });

  it('keeps the code around a moved statement apart, and takes a file of globals only for an ES module', () => {
    const out = code(`const x = 1\nvi.mock('./a')\n;[1, 2].forEach(() => x);\n`, '/p/a.test.js');
    expect(out).toContain(`await ${REGISTRY}.settle();`);
    expect(out).not.toMatch(/1\s*\[1, 2\]/);
  });

  it('in CommonJS moves jest.mock above the requires, with synchronous loaders and no await', () => {
    const out = code(`const m = require('./m');\nconst mockSend = jest.fn();\njest.mock('./m', () => ({ send: mockSend }));\n`, '/p/a.test.js');
    expect(lines(out)[0]).toBe(`${REGISTRY}.register("/p/m.ts", "./m", "jest", () => ({ send: mockSend }), { actual: () => require("ptest-actual:/p/m.ts") });;`);
    expect(out).not.toContain('await');
  });

  it('drops type-only imports from the conversion (esbuild erases them) and keeps runtime imports static', () => {
    const out = code(`import type { T } from './t';\nimport { type U } from './u';\nimport { vi } from 'vitest';\nvi.mock('./a');\n`);
    expect(out).not.toContain('await import("./t")');
    expect(out).not.toContain('await import("./u")');
    expect(out).toContain("import { vi } from 'vitest';");
  });

  it('loads the real module for importActual and requireActual, named by its path even when it is not mocked', () => {
    expect(code(`vi.importActual('./a');\n`)).toBe(`import("ptest-actual:/p/a.ts");\n`);
    expect(hoistMocks(`jest.requireActual('../x');\n`, '/p/__mocks__/x.js', () => undefined)).toMatch(/^require\("ptest-actual:\.\.\/x"\);/);
  });

  it("loads the real module inside a mock's factory too, Jest's and Vitest's partial mock", () => {
    const jest = code(`const m = require('./m');\njest.mock('./m', () => ({ ...jest.requireActual('./m'), send: jest.fn() }));\n`, '/p/a.test.js');
    expect(lines(jest)[0]).toBe(`${REGISTRY}.register("/p/m.ts", "./m", "jest", () => ({ ...require("ptest-actual:/p/m.ts"), send: jest.fn() }), { actual: () => require("ptest-actual:/p/m.ts") });;`);
    const vitest = code(`vi.mock('./a', async () => ({ ...(await vi.importActual('./a')), b: vi.fn() }));\n`);
    expect(lines(vitest)[0]).toContain(`async () => ({ ...(await import("ptest-actual:/p/a.ts")), b: vi.fn() })`);
  });

  it('rewrites unmock and leaves a call with a computed path for the runtime to refuse', () => {
    expect(code(`vi.unmock('./a');\n`)).toContain(`${REGISTRY}.unregister("/p/a.ts")`);
    expect(code(`vi.mock(name);\n`)).toContain('vi.mock(name)');
  });
});

describe('mockSpecifiers', () => {
  it('names every literal module a file mocks, in any dialect and form', () => {
    const source = `vi.mock('./a');\njest.mock("b", () => 1);\nvi.doMock(\`./c\`);\nvi.mock(import('./d'));\nvi.hoisted(() => 1);\nvi.mock(name);\n`;
    expect(mockSpecifiers(source, '/p/x.test.ts').map((m) => m.specifier)).toEqual(['./a', 'b', './c', './d']);
  });

  it("says which may be virtual: Jest's with { virtual: true }, Vitest's with a factory", () => {
    const source = [
      `jest.mock('j-virtual', () => 1, { virtual: true });`,
      `jest.mock('j-real', () => 1);`,
      `jest.mock('j-false', () => 1, { virtual: false });`,
      `jest.doMock('j-late', () => 1, { virtual: true });`,
      `vi.mock('v-factory', () => ({}));`,
      `vi.mock('v-spy', { spy: true });`,
      `vi.mock('v-automock');`,
      `jest.unmock('j-virtual');`,
    ].join('\n');
    const virtual = Object.fromEntries(mockSpecifiers(source, '/p/x.test.ts').map((m) => [m.specifier, m.virtual]));
    expect(virtual).toEqual({ 'j-virtual': true, 'j-real': false, 'j-false': false, 'j-late': true, 'v-factory': true, 'v-spy': false, 'v-automock': false });
  });
});
