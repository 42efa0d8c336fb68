import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { bundleFile } from '../../../src/transform/bundle-file.js';
import { legacyPackageFile } from '../../../src/transform/legacy-resolve.js';
import { project, testOptions } from './project.js';

/** A package whose `exports` Node and esbuild reject, found as Jest 27 finds it (console-testing-library's case). */
const badExports = {
  'node_modules/bad/package.json': JSON.stringify({ name: 'bad', main: 'dist/index.js', exports: { '.': { require: 'dist/index.js' }, './pure': { require: 'dist/pure.js' } } }),
  'node_modules/bad/dist/index.js': "exports.which = 'main';",
  'node_modules/bad/pure.js': "exports.which = 'pure at the root';",
  'node_modules/@s/p/package.json': JSON.stringify({ name: '@s/p' }),
  'node_modules/@s/p/index.js': "exports.which = 'index';",
};

it('finds `main` for the package and the file for a subpath, scoped names too', () => {
  const dir = project(badExports);
  const from = join(dir, 'src', 'deep');
  expect(legacyPackageFile('bad', from)).toBe(join(dir, 'node_modules/bad/dist/index.js'));
  expect(legacyPackageFile('bad/pure', from)).toBe(join(dir, 'node_modules/bad/pure.js'));
  expect(legacyPackageFile('@s/p', from)).toBe(join(dir, 'node_modules/@s/p/index.js'));
  expect(legacyPackageFile('bad/missing', from)).toBeUndefined();
  expect(legacyPackageFile('absent', from)).toBeUndefined();
});

it('a bundle imports such a package instead of failing to resolve it', async () => {
  const dir = project({ ...badExports, 'a.test.ts': "import { which as main } from 'bad';\nimport { which as pure } from 'bad/pure';\n(globalThis as any).out = [main, pure];\n" });
  const bundle = await bundleFile(join(dir, 'a.test.ts'), testOptions(dir));
  // imported by Node itself: an import() here would go through Vitest's own interop
  const script = `await import(${JSON.stringify(pathToFileURL(bundle).href)}); console.log(JSON.stringify(globalThis.out));`;
  expect(JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }))).toEqual(['main', 'pure at the root']);
});
