import { relative } from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * The suite's `snapshotSerializers` (Jest's and Vitest's config key), as a module the bundle
 * imports ahead of the setup files: it adds each one through `expect.addSnapshotSerializer`, so
 * every file gets them afresh (a file's serializers are put back after it), and a file's own
 * `addSnapshotSerializer` still comes first. Added in reverse, since each addition goes in front:
 * the first listed is tried first, as in Jest.
 */
export const SERIALIZERS = 'ptest-snapshot-serializers';

export function serializersPlugin(paths: readonly string[], root: string): Plugin {
  return {
    name: 'ptest-snapshot-serializers',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${SERIALIZERS}$`) }, () => ({ path: SERIALIZERS, namespace: SERIALIZERS }));
      build.onLoad({ filter: /.*/, namespace: SERIALIZERS }, () => ({ contents: serializersModule(paths, root), loader: 'js', resolveDir: root }));
    },
  };
}

function serializersModule(paths: readonly string[], root: string): string {
  const imports = paths.map((path, i) => `import * as s${i} from ${JSON.stringify(path)};`);
  // a module's plugin is its default export (ESM, or a CommonJS module.exports), else the module itself (named test/serialize)
  const adds = paths.map((path, i) => `add(s${i}, ${JSON.stringify(relative(root, path).split('\\').join('/'))});`).reverse();
  return `${imports.join('\n')}
import { expect } from 'ptest';
function add(ns, path) {
  const plugin = ns.default && typeof ns.default.test === 'function' ? ns.default : ns;
  if (typeof plugin.test !== 'function' || (typeof plugin.serialize !== 'function' && typeof plugin.print !== 'function')) {
    throw new Error('snapshotSerializers: ' + path + ' exports no serializer (a test() function and a serialize() or print() function)');
  }
  expect.addSnapshotSerializer(plugin);
}
${adds.join('\n')}
`;
}
