import { literalArg, parseFile, walk, type Call, type Node } from './source-ast.js';

/**
 * `vi.resetModules()`, `jest.resetModules()` and `jest.isolateModules(fn)` on a bundle. A bundle
 * holds one instance of each local module, so in a file that calls one of them, each `import()`
 * and `require()` of a local module with a literal specifier is routed through the thread's
 * fresh-module registry (compat/fresh-modules.ts): the bundled instance until the file resets the
 * registry, then an instance of its own, evaluated from a CommonJS build of that module made
 * beside the bundle (fresh-build.ts). Static imports keep the instances they were given, as in
 * Jest and Vitest.
 */
export const FRESH_API_HINT = /\b(?:vi|vitest|jest)\s*\.\s*(?:resetModules|isolateModules(?:Async)?)\s*\(/;
export const FRESH_REGISTRY = 'globalThis[Symbol.for("ptest.compat.fresh")]';

export interface LoadSite {
  start: number;
  end: number;
  specifier: string;
  kind: 'import' | 'require';
}

/** The literal `import()` / `require()` specifiers of a file that resets its modules. */
export function freshSpecifiers(source: string, file: string): string[] {
  if (!FRESH_API_HINT.test(source)) return [];
  return [...new Set(loadSites(parseFile(source, file)).map((site) => site.specifier))];
}

/** Every `import('<literal>')` and `require('<literal>')` call in the tree. */
export function loadSites(ast: unknown): LoadSite[] {
  const sites: LoadSite[] = [];
  walk(ast, (node) => {
    const site = loadSite(node);
    if (site) sites.push(site);
  });
  return sites;
}

/** The call at a site, routed: `sidecar` is the module's own CommonJS build, `original` the call as written. */
export function freshLoad(site: LoadSite, sidecar: string, original: string): string {
  return `${FRESH_REGISTRY}.${site.kind}(${JSON.stringify(sidecar)}, () => ${original})`;
}

function loadSite(node: Node): LoadSite | undefined {
  if (node.type === 'ImportExpression') {
    const specifier = literalArg({ arguments: [node.source as Node] });
    return specifier === undefined ? undefined : { start: node.start, end: node.end, specifier, kind: 'import' };
  }
  if (node.type !== 'CallExpression') return undefined;
  const call = node as Call;
  if (call.callee.type !== 'Identifier' || call.callee.name !== 'require' || call.arguments.length !== 1) return undefined;
  const specifier = literalArg(call);
  return specifier === undefined ? undefined : { start: node.start, end: node.end, specifier, kind: 'require' };
}
