import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { bundleFile } from '../../../src/transform/bundle-file.js';
import { project, testOptions } from './project.js';

/** React names a component by its class's `name` in warnings that suites snapshot (react-tabs' `in Tabs`). */
it('keeps the name of a class whose body refers to itself, which esbuild would bundle as `class _Tabs`', async () => {
  const dir = project({
    'src/tabs.js': 'export default class Tabs { static make() { return new Tabs(); } copy() { return Tabs.make(); } }',
    'a.test.js': "import Tabs from './src/tabs.js';\nglobalThis.className = Tabs.name;",
  });
  await import(pathToFileURL(await bundleFile(join(dir, 'a.test.js'), testOptions(dir))).href);
  expect((globalThis as { className?: string }).className).toBe('Tabs');
});
