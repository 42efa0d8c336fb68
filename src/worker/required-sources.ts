import type { JsxSettings } from '../model/compat.js';
import { compileModule } from '../transform/compile-module.js';
import { nodeLoaders } from './required-assets.js';

/** what Jest loads by default (moduleFileExtensions) that Node cannot */
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.jsx'];

let jsx: JsxSettings | undefined;

/**
 * A TypeScript or JSX file that a package requires itself: jscodeshift's `defineTest` requires
 * the transform under test by a path it computes (`require(path.join(dirName, '..', name))`), and
 * Jest, which compiles every module it loads, finds `replace-Admin-history.ts`. Node neither finds
 * nor parses such a file; with these extensions registered it does both, compiled alone by esbuild
 * (compile-module.ts) as a computed require of the test's own is. It is Node's module, outside the
 * test's mocks and registry, as everything a package requires is.
 */
export function routeRequiredSources(settings: JsxSettings | undefined): void {
  jsx = settings;
  const extensions = nodeLoaders();
  for (const extension of SOURCE_EXTENSIONS) {
    // a loader already there (ours from an earlier file, or ts-node's from a setup file) stays
    extensions[extension] ??= (module, filename) => void module._compile(compileModule(filename, jsx), filename);
  }
}
