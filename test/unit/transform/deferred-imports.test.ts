import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { bundleFile } from '../../../src/transform/bundle-file.js';
import { DEFERRED_LOADER, deferImports, deferredLoadCall } from '../../../src/transform/deferred-imports.js';
import { project, testOptions } from './project.js';

it("loads the packages only the test file's imports reach after its vi.hoisted code, and the setup files' before", async () => {
  const dir = project({
    'runtime.js': 'export const vi = { hoisted: (fn) => fn() }; globalThis[Symbol.for("ptest.compat.mocks")] = { settle: async () => {} };',
    'node_modules/reads-agent/package.json': JSON.stringify({ name: 'reads-agent', type: 'module', main: 'index.js' }),
    // a package that reads a global at load, as prosemirror-view reads navigator.userAgent
    'node_modules/reads-agent/index.js': 'export const agent = globalThis.agentAtLoad ?? "unset"; export default "default export";',
    'node_modules/setup-pkg/package.json': JSON.stringify({ name: 'setup-pkg', type: 'module', main: 'index.js' }),
    'node_modules/setup-pkg/index.js': 'export const early = globalThis.agentAtLoad ?? "unset";',
    'setup.ts': "import { early } from 'setup-pkg';\n(globalThis as any).early = early;\n",
    'src/local.ts': "import def, { agent as seenAgent } from 'reads-agent';\nexport const seen = [seenAgent, def];\n",
    'a.test.ts': [
      "import { seen } from './src/local';",
      "import * as direct from 'reads-agent';",
      "import { vi } from 'vitest';",
      'vi.hoisted(() => { (globalThis as any).agentAtLoad = "android"; });',
      '(globalThis as any).out = [...seen, direct.agent, (globalThis as any).early];',
      '',
    ].join('\n'),
  });
  const bundle = await bundleFile(join(dir, 'a.test.ts'), testOptions(dir, { setupFiles: [join(dir, 'setup.ts')] }));
  const script = `await import(${JSON.stringify(pathToFileURL(bundle).href)}); console.log(JSON.stringify(globalThis.out));`;
  const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as string[];
  // the setup file ran before the test file: its package saw no agent, as under Vitest
  expect(out).toEqual(['android', 'default export', 'android', 'unset']);
});

it('turns the deferred import statements into bindings on as many lines, filled by the loader the test file calls', () => {
  const code = [
    'import { keep } from "file:///kept.js";',
    'import def, * as ns from "file:///a.js";',
    'import {',
    '  b,',
    '  c as c2',
    '} from "file:///b.js";',
    'import "file:///side.js";',
    `${deferredLoadCall('/p/a.test.ts')}`,
    '//# sourceMappingURL=data:application/json;base64,e30=',
  ].join('\n');
  const out = deferImports(code, new Set(['file:///a.js', 'file:///b.js', 'file:///side.js']), '/p/a.test.ts');
  const lines = out.split('\n');
  expect(lines.slice(0, 8)).toEqual(['import { keep } from "file:///kept.js";', 'var def, ns;', 'var b, c2;', '', '', '', '', deferredLoadCall('/p/a.test.ts')]);
  expect(lines[8]).toMatch(new RegExp(`^async function ${DEFERRED_LOADER}\\(file\\)`));
  expect(lines[8]).toContain('await import("file:///side.js")');
  expect(lines[9]).toMatch(/^\/\/# sourceMappingURL=/);
  // without the test file's call there is nothing to defer to
  const uncalled = code.replaceAll(DEFERRED_LOADER, 'x');
  expect(deferImports(uncalled, new Set(['file:///a.js']), '/p/a.test.ts')).toBe(uncalled);
});
