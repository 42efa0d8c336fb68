import MagicString from 'magic-string';
import { deferredLoadCall } from './deferred-imports.js';
import { routeComputedLoads } from './computed-loads.js';
import { FRESH_API_HINT, freshLoad, loadSites } from './fresh-loads.js';
import { missingLoader } from './missing-modules.js';
import { literalArg, parseFile, walk, type Call, type Node } from './source-ast.js';
import { TEST_API_SPECIFIERS } from '../model/compat.js';

/**
 * Module mocking the way Jest (babel-plugin-jest-hoist) and Vitest (hoistMocks) do it, as a source
 * rewrite before esbuild bundles the file:
 * - `vi.mock` / `jest.mock` / `unmock` at the top level (Vitest's anywhere), and `vi.hoisted`, run
 *   before the file's imports: they move to the top, and in an ES module the other imports become
 *   `await import()` after them
 *   (static imports would be evaluated first whatever their place);
 * - every mock call names the module by its resolved id, so the bundler can route every import of
 *   that module, from any file, through the thread's mock registry (see mock-plugin.ts);
 * - `importActual` / `requireActual` load the real module under a `ptest-actual:` specifier.
 * Pure: resolution is the caller's (`ids`). magic-string keeps a source map back to the original.
 */
export const MOCK_API_HINT = /\b(?:vi|vitest|jest)\s*\.\s*(?:mock|unmock|doMock|doUnmock|dontMock|hoisted|importActual|importMock|requireActual|requireMock)\s*\(/;

/** The modules ptest itself provides: imports of these stay static, hoisted code needs them. */
export const RUNTIME_SPECIFIERS: ReadonlySet<string> = new Set(TEST_API_SPECIFIERS);

export const ACTUAL_PREFIX = 'ptest-actual:';
export const REGISTRY = 'globalThis[Symbol.for("ptest.compat.mocks")]';

export interface MockTarget {
  /** the resolved module: an absolute path; for a virtual one, the name it is asked by or the path it would have */
  id: string;
  /** the `__mocks__` file standing in for it, when there is one */
  manual?: string;
  /** a module that does not exist, which only its mock makes loadable (see mayBeVirtual) */
  virtual?: true;
  /** a package file Node loads as CommonJS: a Jest mock in an ES module test file requires its original, as Jest does */
  commonJs?: true;
}

/** a module a file's mock call names, and whether the mock may stand in for a module that does not exist */
export interface MockSpecifier {
  specifier: string;
  virtual: boolean;
}

/** a file registering mocks as it runs, whose later `import()`s must wait for async factories */
const LATE_MOCK_HINT = /\b(?:vi|vitest|jest)\s*\.\s*doMock\s*\(/;

const HOISTED = new Set(['mock', 'unmock', 'hoisted']);
const REGISTERS = new Set(['mock', 'doMock']);
const UNREGISTERS = new Set(['unmock', 'doUnmock', 'dontMock']);

/** The literal module specifiers a file's mock calls name (to be resolved before the build). */
export function mockSpecifiers(source: string, file: string): MockSpecifier[] {
  if (!MOCK_API_HINT.test(source)) return [];
  const found = new Map<string, boolean>();
  walk(parseFile(source, file), (node) => {
    const call = mockCall(node);
    if (!call || call.method === 'hoisted') return;
    const specifier = literalArg(call.node);
    if (specifier !== undefined) found.set(specifier, found.get(specifier) === true || mayBeVirtual(call));
  });
  return [...found].map(([specifier, virtual]) => ({ specifier, virtual }));
}

/**
 * Whether a mock call may register a module that does not exist: Jest's with `{ virtual: true }`,
 * and any of Vitest's with a factory, which Vitest registers by the name when it resolves nothing.
 */
function mayBeVirtual({ node, method, dialect }: { node: Call; method: string; dialect: 'jest' | 'vitest' }): boolean {
  if (!REGISTERS.has(method)) return false;
  const [, second, third] = node.arguments;
  if (dialect === 'vitest') return second !== undefined && second.type !== 'ObjectExpression';
  const properties = third?.type === 'ObjectExpression' ? (third.properties as Node[]) : [];
  return properties.some((p) => p.type === 'ObjectProperty' && (p.key as Node & { name?: string }).name === 'virtual' && (p.value as Node).type === 'BooleanLiteral' && (p.value as Node).value === true);
}

/**
 * The rewritten file with an inline source map, or undefined when it uses no mock API. `ids`: the
 * module a specifier names, null when it names none, undefined when the file was not scanned (a
 * helper module's mock calls, which the runtime refuses); `fresh` names the CommonJS build of a
 * module the file may load afresh (see fresh-loads.ts).
 */
export function hoistMocks(source: string, file: string, ids: (specifier: string) => MockTarget | null | undefined, fresh: (specifier: string) => string | undefined = () => undefined): string | undefined {
  const resets = FRESH_API_HINT.test(source);
  if (!MOCK_API_HINT.test(source) && !resets) return undefined;
  const ast = parseFile(source, file);
  const s = new MagicString(source);
  const body = (ast.program as unknown as { body: Node[] }).body;
  // a file with neither imports nor requires (Jest globals only) is an ES module to esbuild
  const esm = body.some((n) => n.type === 'ImportDeclaration' || n.type.startsWith('Export')) || !/\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w/.test(source);
  const requirer = (target: string) => `() => require(${JSON.stringify(target)})`;
  const loader = (target: string) => (esm ? `() => import(${JSON.stringify(target)})` : requirer(target));

  const rewritten: [number, number][] = [];
  const calls: NonNullable<ReturnType<typeof mockCall>>[] = [];
  walk(ast, (node) => {
    const call = mockCall(node);
    if (call && call.method !== 'hoisted') calls.push(call);
  });
  // the last first: a call inside another (`jest.requireActual` in a `jest.mock` factory) is
  // rewritten before the factory's text is taken, which then has it rewritten
  calls.sort((a, b) => b.node.start - a.node.start);
  for (const call of calls) {
    const specifier = literalArg(call.node);
    if (specifier === undefined) continue;
    rewritten.push([call.node.start, call.node.end]);
    const target = ids(specifier);
    // a module that does not exist (virtual, or named by mistake): asking for the real one fails as Jest's load of it does
    const missing = target === null || target?.virtual ? missingLoader(specifier, file) : undefined;
    // the real module needs no pre-scan: a manual mock in __mocks__ asks for it by its own path
    if (call.method === 'importActual' || call.method === 'requireActual') {
      const real = JSON.stringify(ACTUAL_PREFIX + (target?.id ?? specifier));
      const load = call.method === 'importActual' ? (missing ? `Promise.resolve().then(${missing})` : `import(${real})`) : missing ? `(${missing})()` : `require(${real})`;
      s.overwrite(call.node.start, call.node.end, load);
      continue;
    }
    if (target === null) {
      // Jest resolves the name when the call runs, and says it finds nothing; Vitest minds only an import of it
      s.overwrite(call.node.start, call.node.end, call.dialect === 'jest' ? `(${missing})()` : 'undefined');
      continue;
    }
    if (!target) continue;
    const second = call.node.arguments[1];
    // Jest requires a CommonJS original, where an ES module file's import() would give Node's namespace of it
    const actual = missing ?? (target.commonJs && call.dialect === 'jest' ? requirer : loader)(ACTUAL_PREFIX + target.id);
    const { start, end } = call.node;
    if (REGISTERS.has(call.method)) {
      const loaders = `{ actual: ${actual}${target.manual ? `, manual: ${loader(target.manual)}` : ''} }`;
      const factoryOrOptions = second ? s.slice(second.start, second.end) : 'undefined';
      s.overwrite(start, end, `${REGISTRY}.register(${JSON.stringify(target.id)}, ${JSON.stringify(specifier)}, ${JSON.stringify(call.dialect)}, ${factoryOrOptions}, ${loaders})`);
    } else if (UNREGISTERS.has(call.method)) {
      s.overwrite(start, end, `${REGISTRY}.unregister(${JSON.stringify(target.id)})`);
    } else if (call.method === 'importMock' || call.method === 'requireMock') {
      const mocked = `${REGISTRY}.mocked(${JSON.stringify(target.id)}, ${JSON.stringify(specifier)}, ${actual})`;
      s.overwrite(start, end, call.method === 'importMock' ? `${REGISTRY}.settle().then(() => ${mocked})` : mocked);
    }
  }
  // a load inside a mock call (a factory's require) is part of that call's text, taken as written
  const lateMocks = LATE_MOCK_HINT.test(source);
  for (const site of resets || lateMocks ? loadSites(ast) : []) {
    if (rewritten.some(([start, end]) => site.start >= start && site.end <= end)) continue;
    const sidecar = resets ? fresh(site.specifier) : undefined;
    const original = s.slice(site.start, site.end);
    let load = sidecar ? freshLoad(site, sidecar, original) : original;
    // a mock registered by then answers the load: before the build of a module loaded afresh, and
    // though the module was loaded before it (the bundle evaluates a module once); a doMock factory
    // may be async: Vitest awaits it first
    const mocked = ids(site.specifier);
    if (mocked) load = `${REGISTRY}.late(${JSON.stringify(mocked.id)}, ${JSON.stringify(site.kind)}, () => ${load})`;
    if (lateMocks && site.kind === 'import') load = `${REGISTRY}.settle().then(() => ${load})`;
    if (load !== original) s.overwrite(site.start, site.end, load);
  }
  routeComputedLoads(s, ast, file, { skip: rewritten, choices: resets });

  const hoisted = body.filter(isHoisted);
  // Vitest hoists a vi.mock or vi.unmock written anywhere, a test's body included (it warns that it
  // does); babel-plugin-jest-hoist keeps a nested jest.mock in its block
  const inside = (c: { node: Node }, n: Node) => n !== c.node && n.start <= c.node.start && c.node.end <= n.end;
  const nested = calls.filter((c) => c.dialect === 'vitest' && (c.method === 'mock' || c.method === 'unmock') && literalArg(c.node) !== undefined && !hoisted.some((n) => inside(c, n)) && !calls.some((o) => inside(c, o.node))).map((c) => c.node as Node);
  if (hoisted.length + nested.length > 0) reorder(s, body, [...hoisted, ...nested].sort((a, b) => a.start - b.start), new Set(nested), esm, file);
  return `${s.toString()}\n//# sourceMappingURL=${s.generateMap({ hires: true, source: file, includeContent: false }).toUrl()}\n`;
}

/**
 * Output order: the hoisted statements, then (ES modules) the registry settling async factories,
 * the packages only the file's imports load (deferred-imports.ts), and the converted imports, then
 * the rest in place. Chunks moved to index 0 land in call order before the original text at 0, so a
 * hoisted statement already at 0 stays and the others go after it; the imports travel as text
 * appended to the last hoisted statement.
 */
function reorder(s: MagicString, body: Node[], hoisted: Node[], nested: ReadonlySet<Node>, esm: boolean, file: string): void {
  const target = hoisted[0]!.start === 0 ? hoisted[0]!.end : 0;
  for (const node of hoisted) {
    // a statement may rely on a line break for its semicolon: it will be followed by other code now
    s.appendLeft(node.end, ';\n');
    if (node.start !== 0) {
      s.move(node.start, node.end, target);
      // the code on either side of it must not run together: `a = 1` + `;[x].map(...)` is not `1[x]`;
      // a call moved out of an expression leaves one in its place (`() => vi.mock('x')`)
      s.appendRight(node.end, nested.has(node) ? 'void 0' : ';');
    }
  }
  const imports = esm ? body.filter(isConvertible) : [];
  for (const node of imports) s.overwrite(node.start, node.end, '');
  const settle = esm ? `await ${REGISTRY}.settle();\n${deferredLoadCall(file)}\n` : '';
  s.appendLeft(hoisted[hoisted.length - 1]!.end, `${settle}${imports.map((node) => dynamicImport(s, node)).join('\n')}\n`);
}

function dynamicImport(s: MagicString, node: Node): string {
  const source = (node.source as Node & { value: string }).value;
  const attributes = node.attributes as Node[] | undefined;
  const withClause = attributes?.length ? `, { with: { ${attributes.map((a) => s.original.slice(a.start, a.end)).join(', ')} } }` : '';
  const load = `await import(${JSON.stringify(source)}${withClause})`;
  const specifiers = (node.specifiers as (Node & { local: { name: string }; imported?: { name?: string; value?: string }; importKind?: string })[]).filter((sp) => sp.importKind !== 'type');
  const namespace = specifiers.find((sp) => sp.type === 'ImportNamespaceSpecifier');
  const named = specifiers.filter((sp) => sp.type !== 'ImportNamespaceSpecifier').map((sp) => {
    if (sp.type === 'ImportDefaultSpecifier') return `default: ${sp.local.name}`;
    const imported = sp.imported?.name ?? JSON.stringify(sp.imported?.value);
    return imported === sp.local.name ? imported : `${imported}: ${sp.local.name}`;
  });
  if (namespace && named.length > 0) return `const ${namespace.local.name} = ${load}; const { ${named.join(', ')} } = ${namespace.local.name};`;
  if (namespace) return `const ${namespace.local.name} = ${load};`;
  if (named.length > 0) return `const { ${named.join(', ')} } = ${load};`;
  return `${load};`;
}

function isConvertible(node: Node): boolean {
  if (node.type !== 'ImportDeclaration' || node.importKind === 'type') return false;
  const source = (node.source as { value: string }).value;
  if (RUNTIME_SPECIFIERS.has(source)) return false;
  const specifiers = node.specifiers as { importKind?: string }[];
  // `import { type A, type B } from` is erased by esbuild: loading it now would add a side effect
  return specifiers.length === 0 || specifiers.some((sp) => sp.importKind !== 'type');
}

function isHoisted(node: Node): boolean {
  let hoist = false;
  const expressions = node.type === 'ExpressionStatement' ? [node.expression as Node] : node.type === 'VariableDeclaration' ? (node.declarations as Node[]).map((d) => d.init as Node | null) : [];
  for (const expression of expressions) {
    let inner = expression;
    if (inner?.type === 'AwaitExpression') inner = inner.argument as Node;
    const call = inner && mockCall(inner);
    if (call && HOISTED.has(call.method)) hoist = true;
  }
  return hoist;
}

function mockCall(node: Node): { node: Call; method: string; dialect: 'jest' | 'vitest' } | undefined {
  if (node.type !== 'CallExpression') return undefined;
  const callee = (node as Call).callee;
  if (callee.type !== 'MemberExpression' || callee.object?.type !== 'Identifier' || callee.property?.type !== 'Identifier') return undefined;
  const owner = callee.object.name!;
  if (owner !== 'vi' && owner !== 'vitest' && owner !== 'jest') return undefined;
  return { node: node as Call, method: callee.property.name!, dialect: owner === 'jest' ? 'jest' : 'vitest' };
}
