import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { freshGraph } from '../../../src/transform/fresh-deps.js';

const imp = (path: string, original: string, external = false) => ({ path, kind: 'import-statement' as const, original, external });
const input = (...imports: ReturnType<typeof imp>[]) => ({ bytes: 1, imports });

/** a bundle's metafile: the test loads src/actions afresh, which imports the store, a mocked mailer (its stand-in loads the original), a package and a stylesheet */
const metafile: Metafile = {
  inputs: {
    'a.test.ts': input(imp('src/actions.ts', '../src/actions'), imp('src/unrelated.ts', './unrelated')),
    'src/actions.ts': input(imp('src/store.ts', './store'), imp('src/store.ts', './store.js'), imp('ptest-mock:/p/src/mailer.ts.ptest-mock.cjs', './mailer'), imp('node_modules/lodash/index.js', 'lodash'), imp('src/theme.css', './theme.css')),
    'src/store.ts': input(imp('src/actions.ts', './actions'), imp('node:fs', 'node:fs', true)),
    'ptest-mock:/p/src/mailer.ts.ptest-mock.cjs': input(imp('src/mailer.ts', 'ptest-actual:/p/src/mailer.ts')),
    'src/mailer.ts': input(),
    'node_modules/lodash/index.js': input(imp('node_modules/lodash/_base.js', './_base')),
    'node_modules/lodash/_base.js': input(),
    'src/theme.css': input(),
    'src/unrelated.ts': input(),
  },
  outputs: {},
};

describe('freshGraph', () => {
  const graph = freshGraph(metafile, '/p', ['/p/src/actions.ts'], { namespace: 'ptest-mock', actualPrefix: 'ptest-actual:' });

  it("holds the local modules of code the module reaches, itself included, through a cycle too, and through a mock's stand-in to its original", () => {
    expect(graph.modules.sort()).toEqual(['/p/src/actions.ts', '/p/src/mailer.ts', '/p/src/store.ts']);
  });

  it('routes each specifier naming one of them, in every spelling; packages, mocks and stylesheets are left as they resolve', () => {
    expect(graph.imports.get('/p/src/actions.ts')).toEqual(new Map([['./store', '/p/src/store.ts'], ['./store.js', '/p/src/store.ts']]));
    expect(graph.imports.get('/p/src/store.ts')).toEqual(new Map([['./actions', '/p/src/actions.ts']]));
  });
});
