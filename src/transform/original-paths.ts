import { pathToFileURL } from 'node:url';

/**
 * A file bundled away from where it lies keeps the paths it would have there: its `import.meta.url`
 * and friends (ptest's test bundles) and its CommonJS `__dirname` / `__filename` (those bundles,
 * and the single-file copies of packages, package-copy.ts).
 */

/**
 * `import.meta.url` and friends are replaced by esbuild's `define` with these names, which each
 * module declares for itself (see withOriginalPaths): an expression-level rewrite, so a string that
 * merely mentions `import.meta.url` is left alone.
 */
export const IMPORT_META_DEFINES = {
  'import.meta.url': '__ptest_meta_url',
  'import.meta.dirname': '__ptest_meta_dirname',
  'import.meta.filename': '__ptest_meta_filename',
  'import.meta.env': '__ptest_meta_env',
};

/** `file`'s source with what IMPORT_META_DEFINES names, and `__dirname` / `__filename`, declared as they would be at `file` */
export function withOriginalPaths(original: string, file: string): string {
  const source = withOwnResolve(original);
  const prelude: string[] = [];
  if (source.includes('import.meta')) {
    const values = { url: pathToFileURL(file).href, dirname: dirOf(file), filename: file };
    prelude.push(`const ${Object.entries(values).map(([key, value]) => `__ptest_meta_${key} = ${JSON.stringify(value)}`).join(', ')};`);
    // Vite's import.meta.env, kept by the worker (compat/import-meta-env.ts)
    if (source.includes('import.meta.env')) prelude.push('const __ptest_meta_env = globalThis[Symbol.for("ptest.compat.import-meta-env")];');
  }
  return withPrelude(source, [...prelude, ...ownPaths(source, file)]);
}

/** `file`'s source with `__dirname` / `__filename` declared as they would be at `file`, where it uses them and does not declare them itself */
export function withOwnPaths(original: string, file: string): string {
  const source = withOwnResolve(original);
  return withPrelude(source, ownPaths(source, file));
}

const RESOLVE = '__ptest_resolve';

/**
 * `require.resolve(...)` answered from the module's own file (worker/resolve-from.ts): the bundle's one `require`
 * is its test file's. The name is as long as what it replaces, so columns in source maps hold;
 * `require.resolve.paths` is left alone.
 */
function withOwnResolve(source: string): string {
  return source.includes('require.resolve') ? source.replace(/\brequire\.resolve(?=\s*\()/g, RESOLVE) : source;
}

function ownPaths(source: string, file: string): string[] {
  const prelude: string[] = [];
  // (where ptest's worker runtime is not loaded, the module's own require answers, as before)
  if (source.includes(`${RESOLVE}(`)) prelude.push(`var ${RESOLVE} = (id, options) => (globalThis[Symbol.for("ptest.resolve-from")] ?? ((_, i, o) => require.resolve(i, o)))(${JSON.stringify(file)}, id, options);`);
  for (const [name, value] of [['__dirname', dirOf(file)], ['__filename', file]] as const) {
    const used = new RegExp(`\\b${name}\\b`).test(source);
    const declared = new RegExp(`\\b(?:const|let|var|function)\\s+${name}\\b`).test(source);
    if (used && !declared) prelude.push(`var ${name} = ${JSON.stringify(value)};`);
  }
  return prelude;
}

function withPrelude(source: string, prelude: readonly string[]): string {
  if (prelude.length === 0) return source;
  // Keep the prelude on a line of its own code so source-mapped line numbers do not move: the first
  // line, or after a hashbang (which must stay first, and comments out the rest of its line) the second.
  const hashbang = /^#!.*\n/.exec(source)?.[0] ?? '';
  return `${hashbang}${prelude.join(' ')} ${source.slice(hashbang.length)}`;
}

function dirOf(file: string): string {
  return file.slice(0, file.lastIndexOf('/')) || '/';
}
