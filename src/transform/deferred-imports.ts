import { resolve } from 'node:path';
import type { Metafile } from 'esbuild';
import { entryPointOf } from './build-inputs.js';

/**
 * Vitest runs a test file's hoisted code (`vi.hoisted`, `vi.mock`) before any of its imports, the
 * packages they load included: Tiptap's tests set `navigator.userAgent` in `vi.hoisted` before
 * prosemirror-view reads it at load. hoist-mocks.ts turns the file's own imports into `import()`s
 * after its hoisted code, but in the bundle each package is a static import, which Node evaluates
 * before the bundle's first line. So the packages only the test file's imports reach (not the setup
 * files', which run first) become bindings filled by one function, `__ptest_deferred`, which the
 * test file calls after its hoisted code (the call hoist-mocks.ts writes there). Their bindings
 * are the values at load, not live ones.
 */
export const DEFERRED_LOADER = '__ptest_deferred';

/** what hoist-mocks.ts writes after a test file's hoisted code (nothing happens where no loader was written) */
export function deferredLoadCall(file: string): string {
  return `typeof ${DEFERRED_LOADER} === "function" && await ${DEFERRED_LOADER}(${JSON.stringify(file)});`;
}

/**
 * The external packages (their import paths, as in the bundle) that `test`'s imports reach and
 * nothing imported before it by the bundle's entry does, except the test API itself (`runtime`: the
 * paths the bundle imports it by).
 */
export function deferrableImports(metafile: Metafile, workingDir: string, output: string, test: string, runtime: ReadonlySet<string>): Set<string> {
  const entry = entryPointOf(metafile, workingDir, output);
  const roots = (entry === undefined ? [] : (metafile.inputs[entry]?.imports ?? [])).filter((i) => !i.external).map((i) => i.path);
  const testRoot = roots.find((path) => resolve(workingDir, path) === test);
  if (testRoot === undefined) return new Set();
  const before = staticExternals(metafile, roots.filter((path) => path !== testRoot));
  const deferred = new Set<string>();
  for (const path of staticExternals(metafile, [testRoot])) if (!before.has(path) && !runtime.has(path)) deferred.add(path);
  return deferred;
}

function staticExternals(metafile: Metafile, roots: readonly string[]): Set<string> {
  const externals = new Set<string>();
  const reached = new Set<string>();
  const pending = [...roots];
  for (let input = pending.pop(); input !== undefined; input = pending.pop()) {
    if (reached.has(input)) continue;
    reached.add(input);
    for (const { path, external, kind } of metafile.inputs[input]?.imports ?? []) {
      if (!external) pending.push(path);
      else if (kind === 'import-statement') externals.add(path);
    }
  }
  return externals;
}

/** esbuild's import statements: `import d, * as ns from "x";`, `import { a, b as c } from "x";` (on several lines too), `import "x";` */
const IMPORT = /^import\s+(?:([\w$]+)\s*,?\s*)?(?:\*\s*as\s+([\w$]+)|\{([^}]*)\})?\s*(?:from\s*)?"([^"]+)";[ \t]*$/gm;

/**
 * The bundle with the `deferred` packages' import statements turned into `var` bindings (the same
 * number of lines, so the source map holds) and the function that fills them, called by `test`.
 */
export function deferImports(code: string, deferred: ReadonlySet<string>, test: string): string {
  if (deferred.size === 0 || !code.includes(DEFERRED_LOADER)) return code;
  const loads: string[] = [];
  const rewritten = code.replace(IMPORT, (statement: string, def?: string, ns?: string, named?: string, path?: string) => {
    if (!path || !deferred.has(path)) return statement;
    const module = `__ptest_m${loads.length}`;
    const bindings: [string, string][] = [];
    if (def) bindings.push([def, `${module}.default`]);
    if (ns) bindings.push([ns, module]);
    for (const part of (named ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
      const [imported, local = imported] = part.split(/\s+as\s+/) as [string, string?];
      bindings.push([local, `${module}[${JSON.stringify(imported.replace(/^"|"$/g, ''))}]`]);
    }
    loads.push(`const ${module} = await import(${JSON.stringify(path)}); ${bindings.map(([local, value]) => `${local} = ${value};`).join(' ')}`);
    const lines = statement.split('\n').length - 1;
    return `${bindings.length > 0 ? `var ${bindings.map(([local]) => local).join(', ')};` : ''}${'\n'.repeat(lines)}`;
  });
  if (loads.length === 0) return code;
  const loader = `async function ${DEFERRED_LOADER}(file) { if (file !== ${JSON.stringify(test)} || ${DEFERRED_LOADER}.done) return; ${DEFERRED_LOADER}.done = true; ${loads.join(' ')} }`;
  // a line of its own before the source map's comment: no mapped line moves
  const map = rewritten.lastIndexOf('\n//# sourceMappingURL=');
  return map === -1 ? `${rewritten}\n${loader}\n` : `${rewritten.slice(0, map)}\n${loader}${rewritten.slice(map)}`;
}
