import { describe, expect, it } from 'vitest';
import { COMPUTED_LOADER, rewriteComputedLoads } from '../../../src/transform/computed-loads.js';
import { hoistMocks } from '../../../src/transform/hoist-mocks.js';

/** Which `require()` and `import()` calls go to the thread's loader at run time, and which esbuild keeps. */
const FILE = '/p/src/pick.ts';
const code = (source: string) => rewriteComputedLoads(source, FILE)?.replace(/\n\/\/# sourceMappingURL=.*\n$/, '');

describe('rewriteComputedLoads', () => {
  it('routes a require or import() of a name known only at run time, with the file that wrote it', () => {
    const out = code(`const a = require(name);\nconst b = await import(dir + '/x');\n`);
    expect(out).toBe(
      `const a = ${COMPUTED_LOADER}.require(name, "${FILE}");\n` +
        `const b = await ${COMPUTED_LOADER}.import(dir + '/x', "${FILE}", (specifier) => import(specifier));\n`,
    );
  });

  it('leaves what esbuild bundles itself: literals, a choice between literals, relative patterns that name the extension', () => {
    const source = [
      `require('./a');`,
      'import(`./b`);',
      `require(c ? './a' : './b');`,
      'import(`./locales/${lang}.js`);',
      `require('../data/' + name + '.json');`,
      `require.resolve(name);`,
    ].join('\n');
    expect(rewriteComputedLoads(source, FILE)).toBeUndefined();
  });

  it('routes a pattern that is not relative, and a choice with a computed branch', () => {
    const out = code('require(`${root}/x`);\nrequire(c ? name : "./b");\n');
    expect(out).toBe(`${COMPUTED_LOADER}.require(\`\${root}/x\`, "${FILE}");\n${COMPUTED_LOADER}.require(c ? name : "./b", "${FILE}");\n`);
  });

  it('completes a relative pattern without an extension inside it, so that esbuild still bundles its matches and the name finds one', () => {
    const out = code("require('../plugins/' + name);\n");
    expect(out).toBe(`require('../plugins/' + name + ${COMPUTED_LOADER}.completion('../plugins/' + name, "${FILE}"));\n`);
    const template = code('require(`./lib/${dir}/${mod.name}`);\n');
    expect(template).toBe(`require(\`./lib/\${dir}/\${mod.name}\${${COMPUTED_LOADER}.completion(\`./lib/\${dir}/\${mod.name}\`, "${FILE}")}\`);\n`);
  });

  it('routes a relative pattern without an extension whose parts are more than names (evaluating them twice could tell)', () => {
    const out = code("require('./lib/' + next());\n");
    expect(out).toBe(`${COMPUTED_LOADER}.require('./lib/' + next(), "${FILE}");\n`);
  });

  it("leaves a file's own require (createRequire) and import() with options as written", () => {
    expect(rewriteComputedLoads(`const require = createRequire(import.meta.url);\nrequire(name);\n`, FILE)).toBeUndefined();
    expect(rewriteComputedLoads(`import(name, { with: { type: 'json' } });\n`, FILE)).toBeUndefined();
  });

  it('keeps every line where it was, with a source map', () => {
    const out = rewriteComputedLoads(`// one\nconst a = require(name);\nthrow new Error('line 3');\n`, FILE)!;
    expect(out.split('\n')[2]).toBe(`throw new Error('line 3');`);
    expect(out).toMatch(/\n\/\/# sourceMappingURL=data:application\/json;charset=utf-8;base64,/);
  });
});

describe('hoistMocks with computed loads', () => {
  const hoisted = (source: string) => hoistMocks(source, '/p/a.test.ts', () => undefined, () => undefined)!.replace(/\n\/\/# sourceMappingURL=.*\n$/, '');

  it('routes them in the same pass, but not inside a mock factory', () => {
    const out = hoisted(`jest.doMock('./m', () => require(other));\nconst x = require(name);\n`);
    expect(out).toContain(`${COMPUTED_LOADER}.require(name, "/p/a.test.ts")`);
    expect(out).toContain('() => require(other)');
  });

  it('in a file that resets its modules, routes a choice between literals with each bundled load, for use until the reset', () => {
    const out = hoisted(`jest.resetModules();\nconst r = require(c ? './a' : './b');\n`);
    expect(out).toContain(`const r = ${COMPUTED_LOADER}.require(c ? './a' : './b', "/p/a.test.ts", { "./a": () => require("./a"), "./b": () => require("./b") });`);
  });

  it('in a file that does not reset, leaves a choice between literals to esbuild', () => {
    const out = hoisted(`jest.mock('./m');\nconst r = require(c ? './a' : './b');\n`);
    expect(out).toContain(`const r = require(c ? './a' : './b');`);
  });
});
