import { dirname } from 'node:path';
import type { Loader } from 'esbuild';
import type { JsxSettings } from '../model/compat.js';
import { nearestFile } from './nearest-file.js';
import { isPackageFile } from './package-files.js';
import { parseFile, walk, type Call, type Node } from './source-ast.js';
import { jsxOptions } from './source-loader.js';

/**
 * `jest.spyOn(ns, 'f')` / `vi.spyOn(ns, 'f')` on `import * as ns` of a local module. Jest runs
 * modules compiled to CommonJS and Vitest its own module shape: in both the namespace's entries can
 * be replaced and every importer reads them on each use, so the spy reaches the module's other
 * importers. A bundle links ES modules directly and its namespace getters cannot be redefined. A
 * local module a test or setup file spies on through its namespace is therefore bundled as
 * CommonJS with replaceable exports: importers read `exports.f` on each call, as under Jest.
 */
const HINT = /\b(?:spyOn|defineProperty)\s*\(/;

/**
 * Where a spied module, or a file of an inlined package (inline-deps.ts), is loaded: outside the
 * `file` namespace, so that esbuild takes its CommonJS code for CommonJS even in a
 * `"type": "module"` package (there, a file's `module` would be an unknown global). Its own
 * imports resolve as a file's do.
 */
export const SPIED_NAMESPACE = 'ptest-spied';

/** esbuild takes a path ending in .mjs or .mts for an ES module whatever its code: the CommonJS build is named .cjs */
const AS_COMMONJS = '.ptest-spied.cjs';

/** `file` resolved to its build with replaceable exports, under a name esbuild takes for CommonJS */
export function spiedModule(file: string): { path: string; namespace: string } {
  return { path: file + AS_COMMONJS, namespace: SPIED_NAMESPACE };
}

/** the file behind a spied module's name (the name only tells esbuild the module's format) */
export function spiedFile(path: string): string {
  return path.endsWith(AS_COMMONJS) ? path.slice(0, -AS_COMMONJS.length) : path;
}

/** the namespaces whose modules are the user's own code, bundled with ptest's rules */
export function isLocalNamespace(namespace: string): boolean {
  return namespace === 'file' || namespace === SPIED_NAMESPACE;
}

/** The specifiers of local modules a file imports as a namespace (or requires whole) and spies on. */
export function spiedSpecifiers(source: string, file: string): string[] {
  if (!HINT.test(source)) return [];
  const ast = parseFile(source, file);
  const bindings = new Map<string, string>();
  const spied = new Set<string>();
  walk(ast, (node) => {
    const bound = namespaceBinding(node);
    if (bound) bindings.set(bound.name, bound.specifier);
    const target = spyTarget(node);
    if (target) spied.add(target);
  });
  return [...new Set([...spied].flatMap((name) => bindings.get(name) ?? []))];
}

/**
 * The local modules a test or setup file spies on through their namespace, itself or in a helper
 * module it imports (TanStack Query's tests call `setIsServer` from `./utils`, which redefines
 * `isServer` on `import * as utils`). `local` resolves a specifier from a file to a local module,
 * `read` gives a helper's text ('' when unreadable).
 */
export async function spiedModules(source: string, file: string, local: (specifier: string, from: string) => Promise<string | undefined>, read: (path: string) => Promise<string>): Promise<string[]> {
  const found = new Set<string>();
  const add = async (text: string, from: string) => {
    for (const specifier of spiedSpecifiers(text, from)) {
      const id = await local(specifier, from);
      if (id !== undefined) found.add(id);
    }
  };
  await add(source, file);
  for (const [, specifier] of source.matchAll(RELATIVE_IMPORT)) {
    const helper = await local(specifier!, file);
    const text = helper === undefined ? '' : await read(helper);
    if (HINT.test(text)) await add(text, helper!);
  }
  return [...found];
}
const RELATIVE_IMPORT = /\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** `import * as ns from 's'` or `const ns = require('s')` */
function namespaceBinding(node: Node): { name: string; specifier: string } | undefined {
  if (node.type === 'ImportDeclaration' && node.importKind !== 'type') {
    const namespace = (node.specifiers as (Node & { local: { name: string } })[]).find((sp) => sp.type === 'ImportNamespaceSpecifier');
    return namespace && { name: namespace.local.name, specifier: (node.source as { value: string }).value };
  }
  if (node.type !== 'VariableDeclarator' || (node.id as Node).type !== 'Identifier') return undefined;
  const init = node.init as Call | null;
  const [arg] = init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' ? init.arguments : [];
  return arg?.type === 'StringLiteral' ? { name: (node.id as Node & { name: string }).name, specifier: arg.value as string } : undefined;
}

/**
 * the name `x` in `spyOn(x, …)`, `jest.spyOn(x, …)`, `vi.spyOn(x, …)`, and in
 * `Object.defineProperty(x, …)`, with which a helper may stub an export (TanStack Query's
 * `setIsServer` redefines `isServer` on `import * as utils`)
 */
function spyTarget(node: Node): string | undefined {
  if (node.type !== 'CallExpression') return undefined;
  const { callee, arguments: args } = node as Call;
  const named = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? callee.property?.name : undefined;
  const [first] = args;
  return (named === 'spyOn' || named === 'defineProperty') && first?.type === 'Identifier' ? (first.name as string) : undefined;
}

// esbuild renames the helpers' loop variables when the module has one of that name (`export const name`)
const EXPORT_GETTER = /\{ get: all\[(name\d*)\], enumerable: true \}/;
const COPIED_GETTER = /\{ get: \(\) => from\[(key\d*)\], enumerable:/;
const NODE_MODE_IMPORT = /(__toESM\d*)\((require\("(?:[^"\\]|\\.)*"\)), 1\)/g;

/**
 * The module as CommonJS whose exports are getters that a spy may redefine, and whether it was an
 * ES module (its imports then became requires, see esm-bridge.ts). `code` is the module's source
 * after ptest's own rewrites; `defines` those of the bundle (import.meta). A local module is built
 * with the tsconfig.json the bundle's other files there get (JSX, decorators), `extends` followed;
 * a package's file (inline-deps.ts) as it was published.
 */
export async function asSpiableModule(code: string, file: string, loader: Loader, defines: Record<string, string>, jsx?: JsxSettings): Promise<{ code: string; esm: boolean }> {
  const { build } = await import('esbuild');
  // esbuild finds a file's tsconfig.json by itself, but not for stdin
  const tsconfig = isPackageFile(file) ? undefined : nearestFile(dirname(file), 'tsconfig.json', new Map());
  const stdin = { contents: code, sourcefile: file, loader, resolveDir: dirname(file) };
  const result = await build({ stdin, ...(tsconfig ? { tsconfig } : {}), ...jsxOptions(jsx), keepNames: true, write: false, format: 'cjs', platform: 'node', target: 'node20', sourcemap: 'inline', define: defines, logLevel: 'silent', metafile: true });
  const out = result.outputFiles[0]!.text;
  // an ES module with no export of its own (`import './polyfill'`) has no export helpers, but its imports became requires all the same
  const esm = Object.values(result.metafile.inputs).some((input) => input.format === 'esm');
  if (!out.includes('__toCommonJS(')) return { code: out, esm };
  // a file with only `export * from` re-exports through the copying helper alone
  if (!COPIED_GETTER.test(out)) throw new Error("ptest cannot find esbuild's export helpers in a module it bundles as CommonJS: this esbuild version is not supported");
  const replaceable = out
    .replace(EXPORT_GETTER, '{ get: all[$1], enumerable: true, configurable: true }')
    .replace(COPIED_GETTER, '{ get: () => from[$1], configurable: true, enumerable:')
    // an .mjs/.mts file imports in Node's manner (a default import is the whole of CommonJS exports),
    // but what it imports here is bundled ES modules too, flagged `__esModule`: take their default
    .replace(NODE_MODE_IMPORT, '$1($2)');
  return { code: replaceable, esm: true };
}
