import Module from 'node:module';
import type { CompatSettings } from '../model/compat.js';
import { aliasRewrite } from '../transform/alias-rewrite.js';
import { ASSET_EXTENSIONS, STYLESHEET_EXTENSIONS } from '../transform/file-kinds.js';
import { jestTransformOf, transformSyncWith } from '../transform/jest-transforms.js';

/** the files Node cannot load as code that a package's own `require` may reach */
const EXTENSIONS = [...STYLESHEET_EXTENSIONS, ...ASSET_EXTENSIONS].map((extension) => `.${extension}`);

export interface LoadingModule {
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}
type Loader = (module: LoadingModule, filename: string) => void;

/** Node's CommonJS loaders by extension: what `require` finds and how it loads it */
export const nodeLoaders = (): Record<string, Loader> => (Module as unknown as { _extensions: Record<string, Loader> })._extensions;

/** the current file's settings: the hook is the thread's, the suite's settings the run's */
let settings: { root: string; rewrite: (path: string) => string | undefined; transformOf: ReturnType<typeof jestTransformOf> };
let hooked = false;

/**
 * A stylesheet or an image that a package requires itself (@patternfly/react-styles' class maps
 * do `require('./button.css')`) is Node's to load, and Node parses it as JavaScript. Jest applies
 * moduleNameMapper and its transforms to every module it loads, node_modules included, so here
 * such a file gets the module the suite's aliases map it to, or the code its Jest transform makes
 * of it; with neither, Node's own load and its error stand.
 */
export function routeRequiredAssets(root: string, compat: Pick<CompatSettings, 'alias' | 'fileTransforms'>): void {
  settings = { root, rewrite: aliasRewrite(compat.alias), transformOf: jestTransformOf(compat.fileTransforms ?? []) };
  if (hooked) return;
  hooked = true;
  const extensions = nodeLoaders();
  const asCode = extensions['.js']!;
  for (const extension of EXTENSIONS) {
    const own = extensions[extension];
    extensions[extension] = (module, filename) => {
      const mapped = settings.rewrite(filename);
      if (mapped !== undefined && mapped !== filename) {
        module.exports = module.require(mapped);
        return;
      }
      const transform = settings.transformOf(filename);
      if (transform?.transformer !== undefined) {
        module._compile(transformSyncWith(transform.transformer, transform.options, filename, settings.root), filename);
        return;
      }
      (own ?? asCode)(module, filename);
    };
  }
}
