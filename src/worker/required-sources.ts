import Module from 'node:module';
import type { JsxSettings } from '../model/compat.js';
import { compileModule } from '../transform/compile-module.js';

/** what Jest loads by default (moduleFileExtensions) that Node cannot */
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.jsx'];

interface LoadingModule {
  _compile(content: string, filename: string): unknown;
}

let jsx: JsxSettings | undefined;
let hooked = false;

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
  if (hooked) return;
  hooked = true;
  const extensions = (Module as unknown as { _extensions: Record<string, (module: LoadingModule, filename: string) => void> })._extensions;
  for (const extension of SOURCE_EXTENSIONS) {
    // a loader someone registered (ts-node in a setup file) stays theirs
    extensions[extension] ??= (module, filename) => void module._compile(compileModule(filename, jsx), filename);
  }
}
