import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inProject } from '../helpers/in-project.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * Modules that load under Jest because of how it compiles and loads them, each met in a real suite
 * (next-router-mock 1.0.5, whose 156 tests now pass as under Jest 26).
 */
describe('modules shaped for Jest', () => {
  it('a TypeScript file that exports only types and assigns module.exports is CommonJS, as ts-jest compiles it', async () => {
    const files = {
      'package.json': '{ "jest": {} }',
      'adapter.ts': 'export const answer = 42;\n',
      'pick.ts': 'export declare const answer: typeof import("./adapter").answer;\nmodule.exports = require("./adapter");\n',
      'pick.test.ts': "import { answer } from './pick';\ntest('a named import of it', () => { expect(answer).toBe(42); });\n",
    };
    await inProject(files, async (dir) => {
      const run = await runCli(['-n', '1'], { cwd: dir });
      expect(run.report?.summary).toMatchObject({ passed: 1, failed: 0, errors: 0 });
    });
  });

  it("a module loaded only by a require() in a try may import a package that is not there: it fails where it is required, as Jest's does", async () => {
    const files = {
      'package.json': '{ "jest": {} }',
      'node_modules/vendor/package.json': '{ "name": "vendor", "version": "2.0.0", "main": "index.js" }',
      'node_modules/vendor/index.js': 'exports.version = 2;\n',
      'loader.js': "try {\n  module.exports = require('./adapter-v2');\n} catch {\n  module.exports = require('./adapter-v1');\n}\n",
      'adapter-v1.js': "import { context } from 'vendor/lib/old-context';\nexport const adapter = `v1 ${context}`;\n",
      'adapter-v2.js': "import { version } from 'vendor';\nexport const adapter = `v2 ${version}`;\n",
      'loader.test.js': "const { adapter } = require('./loader');\ntest('picks the adapter', () => { expect(adapter).toBe('v2 2'); });\ntest('the other fails when required', () => { expect(() => require('./adapter-v1')).toThrow(\"Cannot find module 'vendor/lib/old-context'\"); });\n",
      'direct.test.js': "import { context } from 'vendor/lib/old-context';\ntest('never runs', () => expect(context).toBeDefined());\n",
    };
    await inProject(files, async (dir) => {
      const run = await runCli(['-n', '1'], { cwd: dir });
      expect(run.report?.summary).toMatchObject({ passed: 2, failed: 0, errors: 1 });
      // a test file's own import of it still fails its build, which names the line
      expect(run.report?.errors[0]).toMatchObject({ file: 'direct.test.js', kind: 'import', message: expect.stringMatching(/^direct\.test\.js:1:24: Could not resolve "vendor\/lib\/old-context"/) });
    });
  });

  it("a project's customExportConditions replace its environment's conditions, Node's `node` too, as in Jest 28 and 29 (Jest 30 keeps `node`); another project keeps Node's", async () => {
    const where = (name: string) => `module.exports = '${name}';\n`;
    const config = {
      projects: [
        { testMatch: ['<rootDir>/a/*.test.js'], testEnvironment: 'node', testEnvironmentOptions: { customExportConditions: ['development'] } },
        { testMatch: ['<rootDir>/b/*.test.js'], testEnvironment: 'node' },
      ],
    };
    const files = {
      'package.json': JSON.stringify({ name: 'suite', imports: { '#mode': { development: './dev.js', default: './prod.js' }, '#where': { node: './node.js', default: './other.js' } } }),
      'node_modules/jest/package.json': JSON.stringify({ name: 'jest', version: '29.7.0' }),
      'jest.config.js': `module.exports = ${JSON.stringify(config)};`,
      'dev.js': where('development'),
      'prod.js': where('production'),
      'node.js': where('node'),
      'other.js': where('other'),
      'a/a.test.js': "test('custom', () => { expect([require('#mode'), require('#where')]).toEqual(['development', 'other']); });\n",
      'b/b.test.js': "test('node', () => { expect([require('#mode'), require('#where')]).toEqual(['production', 'node']); });\n",
    };
    await inProject(files, async (dir) => {
      const run = await runCli(['-n', '1'], { cwd: dir });
      expect(run.report?.summary).toMatchObject({ passed: 2, failed: 0, errors: 0 });
      expect(run.stderr).toContain('ptest: read jest.config.js\n');
      // Jest 30 requires with `node` beside the custom conditions
      writeFileSync(join(dir, 'node_modules/jest/package.json'), JSON.stringify({ name: 'jest', version: '30.5.2' }));
      writeFileSync(join(dir, 'a/a.test.js'), "test('custom', () => { expect([require('#mode'), require('#where')]).toEqual(['development', 'node']); });\n");
      const jest30 = await runCli(['-n', '1'], { cwd: dir });
      expect(jest30.report?.summary).toMatchObject({ passed: 2, failed: 0, errors: 0 });
    });
  });

  it('an automatic mock of a module in an import cycle is the mock for its importers, the cycle included, as under Jest', async () => {
    // (ra-core 5.15.4: useLogout → routing → auth → useLogout, automocked by useLogoutIfAccessDenied.spec.tsx)
    const files = {
      'package.json': '{ "jest": {} }',
      'dep.ts': "import { usesDep } from './usesDep';\nexport const alsoUses = () => usesDep;\nconst useDep = () => 'real';\nexport default useDep;\n",
      'usesDep.ts': "import useDep from './dep';\nexport const usesDep = () => useDep();\n",
      'cycle.test.ts': [
        "import useDep, { alsoUses } from './dep';",
        "import { usesDep } from './usesDep';",
        "jest.mock('./dep');",
        "test('its exports are mocks', () => {",
        '  expect(jest.isMockFunction(useDep)).toBe(true);',
        '  expect(jest.isMockFunction(alsoUses)).toBe(true);',
        '});',
        "test('the module in the cycle calls the mock', () => {",
        "  (useDep as jest.Mock).mockReturnValue('mocked');",
        "  expect(usesDep()).toBe('mocked');",
        '});',
        '',
      ].join('\n'),
    };
    await inProject(files, async (dir) => {
      const run = await runCli(['-n', '1'], { cwd: dir });
      expect(run.report?.summary).toMatchObject({ passed: 2, failed: 0, errors: 0 });
    });
  });
});
