import Module from 'node:module';
import { ES_MODULE_SYNTAX } from '../io/module-syntax.js';
import { commonJsOf } from '../transform/compile-module.js';

interface CompiledModule {
  _compile(content: string, filename: string, format?: string): unknown;
}

let installed = false;

/**
 * A `.js` file written as an ES module in a package that says no `"type"` (@patternfly/react-tokens'
 * `dist/esm`) fails to compile as CommonJS; Node 20 then loads it as an ES module, but not once
 * `Module.wrap` is assigned (file-registry.ts does, for V8's cached compiles): it throws the
 * SyntaxError. Such a file is compiled to CommonJS by esbuild and compiled again, as Jest's
 * transform of it would (and only after the failure: every other file keeps Node's own path).
 */
export function retryModuleSyntaxAsCommonJs(): void {
  if (installed) return;
  installed = true;
  const prototype = (Module as unknown as { prototype: CompiledModule }).prototype;
  const compile = prototype._compile;
  prototype._compile = function _compile(this: CompiledModule, content: string, filename: string, format?: string) {
    try {
      return compile.call(this, content, filename, format);
    } catch (error) {
      if (!(error instanceof SyntaxError) || (format !== undefined && format !== 'commonjs') || !ES_MODULE_SYNTAX.test(content)) throw error;
      return compile.call(this, commonJsOf(content, filename), filename, format);
    }
  };
}
