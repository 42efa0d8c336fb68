import { describe, expect, it } from 'vitest';
import { FRESH_REGISTRY, freshSpecifiers } from '../../../src/transform/fresh-loads.js';
import { hoistMocks, REGISTRY } from '../../../src/transform/hoist-mocks.js';

/** Which loads of a file that resets its modules are routed to a fresh build, and which stay as written. */
const noMocks = () => undefined;
const sidecars = (specifier: string) => (specifier.startsWith('./') ? `/cache/${specifier.slice(2)}.cjs` : undefined);
const code = (source: string, file = '/p/a.test.ts') => hoistMocks(source, file, noMocks, sidecars)!.replace(/\n\/\/# sourceMappingURL=.*\n$/, '');

describe('freshSpecifiers', () => {
  it("lists a resetting file's literal import() and require() specifiers, once each", () => {
    const source = `vi.resetModules();\nawait import('./a');\nrequire("./b");\nawait import('./a');\nimport(name);\nrequire(\`./c\`);\n`;
    expect(freshSpecifiers(source, '/p/a.test.ts')).toEqual(['./a', './b', './c']);
  });

  it('lists nothing in a file that never resets its modules', () => {
    expect(freshSpecifiers(`await import('./a');\nrequire('./b');\n`, '/p/a.test.ts')).toEqual([]);
  });

  it('counts jest.isolateModules as a reset', () => {
    expect(freshSpecifiers(`jest.isolateModules(() => require('./a'));\n`, '/p/a.test.js')).toEqual(['./a']);
  });
});

describe('hoistMocks routing loads to fresh builds', () => {
  it('routes import() and require() through the registry, keeping the original call as the bundled instance', () => {
    const out = code(`import { a } from './a';\nvi.resetModules();\nconst m = await import('./a');\nconst r = require('./b');\n`);
    expect(out).toContain(`const m = await ${FRESH_REGISTRY}.import("/cache/a.cjs", () => import('./a'));`);
    expect(out).toContain(`const r = ${FRESH_REGISTRY}.require("/cache/b.cjs", () => require('./b'));`);
    // the static import keeps the bundled instance
    expect(out).toContain(`import { a } from './a';`);
  });

  it('leaves loads it has no build for (packages) and loads inside a mock factory as written', () => {
    const out = code(`vi.mock('./m', () => require('./b'));\nvi.resetModules();\nconst p = require('pkg');\n`);
    expect(out).toContain(`const p = require('pkg');`);
    expect(out).not.toContain(FRESH_REGISTRY);
    expect(out).not.toContain(REGISTRY + '.register');
  });

  it('leaves a file that does not reset its modules alone', () => {
    expect(hoistMocks(`const m = await import('./a');\n`, '/p/a.test.ts', noMocks, sidecars)).toBeUndefined();
  });
});
