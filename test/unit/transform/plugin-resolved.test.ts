import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { bundleFile } from '../../../src/transform/bundle-file.js';
import { project, testOptions } from './project.js';

/**
 * esbuild applies tsconfig.json only to files its own resolver found: a file reached through the
 * suite's alias must still be compiled with its JSX runtime and its experimental decorators.
 */
it("compiles a file reached through an alias with its tsconfig.json (extended): JSX runtime and experimental decorators", async () => {
  const dir = project({
    'tsconfig.base.json': '{ "compilerOptions": { "jsx": "react-jsx", "jsxImportSource": "tiny-jsx", "experimentalDecorators": true } }',
    'tsconfig.json': '{ "extends": "./tsconfig.base.json" }',
    'node_modules/tiny-jsx/package.json': '{ "name": "tiny-jsx", "exports": { "./jsx-runtime": "./jsx-runtime.js" } }',
    'node_modules/tiny-jsx/jsx-runtime.js': 'exports.jsx = (tag) => `<${tag}> from tiny-jsx`; exports.jsxs = exports.jsx;',
    'src/view.tsx': [
      '// no React in scope: the automatic runtime brings its own',
      'const seen: string[] = [];',
      'const legacy = (target: object, key: string) => void seen.push(`${typeof target}:${key}`);',
      'class Model { @legacy name = "x"; }',
      'export const view = () => <b />;',
      'export const decorated = () => (new Model(), seen);',
    ].join('\n'),
    'a.test.ts': "import { view, decorated } from '@/view';\n(globalThis as any).pluginResolved = { view, decorated };",
  });
  const options = testOptions(dir, { alias: [{ pattern: '^@/', replacement: `${join(dir, 'src')}/` }] });
  await import(pathToFileURL(await bundleFile(join(dir, 'a.test.ts'), options)).href);
  const { view, decorated } = (globalThis as { pluginResolved?: { view(): string; decorated(): string[] } }).pluginResolved!;
  expect(view()).toBe('<b> from tiny-jsx');
  // TypeScript's experimental decorators take the prototype and the key (standard ones take undefined and a context)
  expect(decorated()).toEqual(['object:name']);
});

it('keeps such a file TypeScript to the bundler: a re-export of a type through it is no missing export', async () => {
  const dir = project({
    'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "ES2022" } }',
    'src/types.ts': 'export interface Shape { sides: number }',
    'src/index.ts': "export { Shape } from './types';\nexport const square = { sides: 4 };",
    'a.test.ts': "import { Shape, square } from '@/index';\nconst s: Shape = square;\n(globalThis as any).typeReexport = s.sides;",
  });
  const options = testOptions(dir, { alias: [{ pattern: '^@/', replacement: `${join(dir, 'src')}/` }] });
  await import(pathToFileURL(await bundleFile(join(dir, 'a.test.ts'), options)).href);
  expect((globalThis as { typeReexport?: number }).typeReexport).toBe(4);
});

it("compiles JSX in a .js file reached through an alias with the suite's JSX settings (a Jest project's Babel pragma), under a jsconfig that sets no JSX option", async () => {
  const dir = project({
    'jsconfig.json': '{ "compilerOptions": { "target": "es2020" } }',
    'src/card.js': 'export const card = () => <b>hi</b>;',
    'a.test.js': "import { card } from '@/card';\nglobalThis.h = (tag, props, ...children) => `${tag}:${children.join('')}`;\nglobalThis.aliasedJsx = card();",
  });
  const options = testOptions(dir, { alias: [{ pattern: '^@/', replacement: `${join(dir, 'src')}/` }], jsx: { runtime: 'classic', factory: 'h' } });
  await import(pathToFileURL(await bundleFile(join(dir, 'a.test.js'), options)).href);
  expect((globalThis as { aliasedJsx?: string }).aliasedJsx).toBe('b:hi');
});
