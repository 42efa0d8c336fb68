import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { bundleFile } from '../../../src/transform/bundle-file.js';
import { importsTestApi } from '../../../src/transform/test-api-packages.js';
import { project, testOptions } from './project.js';

it('tells a package file that imports the test API from one that only mentions it', () => {
  const dir = project({
    'esm.js': "import { expect } from 'vitest';\nexpect.extend({});",
    'side-effect.mjs': "import 'vite-plus/test';",
    'cjs.cjs': 'const { expect } = require("@jest/globals");',
    'dynamic.js': "const api = await import('vitest');",
    'other-package.js': "import { x } from 'vitest-fetch-mock-helpers';",
    'prose.js': "// works under vitest and jest\nconsole.log('run it with vitest');",
  });
  const answers = Object.fromEntries(['esm.js', 'side-effect.mjs', 'cjs.cjs', 'dynamic.js', 'other-package.js', 'prose.js', 'absent.js'].map((f) => [f, importsTestApi(join(dir, f))]));
  expect(answers).toEqual({ 'esm.js': true, 'side-effect.mjs': true, 'cjs.cjs': true, 'dynamic.js': true, 'other-package.js': false, 'prose.js': false, 'absent.js': false });
});

it("bundles a package that imports 'vitest' or requires '@jest/globals', so that it gets the runtime; other packages stay external", async () => {
  const dir = project({
    'runtime.js': "export const marker = 'the runtime';",
    'node_modules/setup-lib/package.json': JSON.stringify({ name: 'setup-lib', type: 'module', main: 'index.js' }),
    // import.meta.url must still name the package's own file once bundled
    'node_modules/setup-lib/index.js': "import { marker } from 'vitest';\nimport { helper } from './helper.js';\nexport const got = [marker, helper, new URL('.', import.meta.url).href];",
    'node_modules/setup-lib/helper.js': "export const helper = 'helper';",
    // a CommonJS one, requiring the Jest dialect's name for the API
    'node_modules/cjs-lib/package.json': JSON.stringify({ name: 'cjs-lib', main: 'index.js' }),
    'node_modules/cjs-lib/index.js': "const { marker } = require('@jest/globals');\nexports.got = marker;",
    'node_modules/plain/package.json': JSON.stringify({ name: 'plain', type: 'module', main: 'index.js' }),
    'node_modules/plain/index.js': "export const plain = 'plain';",
    'a.test.ts': "import { got } from 'setup-lib';\nimport { got as cjsGot } from 'cjs-lib';\nimport { plain } from 'plain';\n(globalThis as any).out = [...got, cjsGot, plain];\n",
  });
  const bundle = await bundleFile(join(dir, 'a.test.ts'), testOptions(dir));
  const script = `await import(${JSON.stringify(pathToFileURL(bundle).href)}); console.log(JSON.stringify(globalThis.out));`;
  const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as string[];
  expect(out).toEqual(['the runtime', 'helper', pathToFileURL(join(dir, 'node_modules/setup-lib/')).href, 'the runtime', 'plain']);
  const text = readFileSync(bundle, 'utf8');
  expect(text).toContain(`from ${JSON.stringify(pathToFileURL(join(dir, 'node_modules/plain/index.js')).href)}`);
  expect(text).not.toMatch(/from "file:[^"]*setup-lib/);
});

it('follows a package’s own imports from its entry to a file that imports the test API, when the package declares the API', () => {
  const manifest = (name: string, peers: Record<string, string>) => JSON.stringify({ name, main: 'lib/index.js', peerDependencies: peers });
  const dir = project({
    // jest-mock-extended's shape: index requires ./Mock, which requires '@jest/globals'
    'node_modules/mocks-lib/package.json': manifest('mocks-lib', { '@jest/globals': '*' }),
    'node_modules/mocks-lib/lib/index.js': 'exports.mock = require("./Mock").mock;',
    'node_modules/mocks-lib/lib/Mock.js': 'const { jest } = require("@jest/globals");\nexports.mock = () => jest.fn();',
    // the same files, but the package does not declare the API: not followed
    'node_modules/undeclared/package.json': manifest('undeclared', {}),
    'node_modules/undeclared/lib/index.js': 'exports.mock = require("./Mock").mock;',
    'node_modules/undeclared/lib/Mock.js': 'const { jest } = require("@jest/globals");',
    // declares it, and its files never import it
    'node_modules/declared-only/package.json': manifest('declared-only', { vitest: '*' }),
    'node_modules/declared-only/lib/index.js': "export * from './util/index.js';",
    'node_modules/declared-only/lib/util/index.js': "export const util = 'vitest is mentioned here only';",
    // a relative import that leaves the package is not followed
    'node_modules/leaves/package.json': manifest('leaves', { vitest: '*' }),
    'node_modules/leaves/lib/index.js': "import '../../mocks-lib/lib/Mock.js';",
  });
  const answer = (pkg: string) => importsTestApi(join(dir, 'node_modules', pkg, 'lib/index.js'));
  expect({ mocks: answer('mocks-lib'), undeclared: answer('undeclared'), declaredOnly: answer('declared-only'), leaves: answer('leaves') }).toEqual({ mocks: true, undeclared: false, declaredOnly: false, leaves: false });
});

it('bundles such a package with the files it imports, so that their `@jest/globals` gets the runtime', async () => {
  const dir = project({
    'runtime.js': "export const marker = 'the runtime';",
    'node_modules/mocks-lib/package.json': JSON.stringify({ name: 'mocks-lib', main: 'lib/index.js', peerDependencies: { '@jest/globals': '*' } }),
    'node_modules/mocks-lib/lib/index.js': 'exports.got = require("./Mock").got;',
    'node_modules/mocks-lib/lib/Mock.js': 'exports.got = require("@jest/globals").marker;',
    'a.test.ts': "import { got } from 'mocks-lib';\n(globalThis as any).out = got;\n",
  });
  const bundle = await bundleFile(join(dir, 'a.test.ts'), testOptions(dir));
  const script = `await import(${JSON.stringify(pathToFileURL(bundle).href)}); console.log(JSON.stringify(globalThis.out));`;
  expect(JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }))).toBe('the runtime');
});
