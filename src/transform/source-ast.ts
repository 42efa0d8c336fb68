import { parse, type ParserPlugin } from '@babel/parser';

/** The slice of Babel's AST that ptest's source rewrites read. */
export type Node = { type: string; start: number; end: number; [key: string]: unknown };
export type Call = Node & { callee: Node & { name?: string; object?: Node & { name?: string }; property?: Node & { name?: string } }; arguments: Node[] };

type Ast = ReturnType<typeof parse>;

/**
 * The files parsed last, by path: in one build a file that mocks modules is read by several
 * rewrites (the scan for mocks, the hoisting, loads after a reset, spies), each of which used to
 * parse it again (RTK's first run: 29 parses of 14 files, about 0.8 s). The trees are only read.
 */
const recent = new Map<string, { source: string; ast: Ast }>();
const RECENT_FILES = 8;

/**
 * A test, setup or source file as Babel reads it: TypeScript by extension, either module type, and
 * JSX in `.tsx` and in every JavaScript file (a Jest project's Babel config may compile JSX in `.js`;
 * in JavaScript, unlike TypeScript's `<T>x`, nothing valid reads differently as JSX).
 */
export function parseFile(source: string, file: string): Ast {
  const hit = recent.get(file);
  if (hit?.source === source) return hit.ast;
  const ts = /\.[cm]?tsx?$/.test(file);
  const plugins: ParserPlugin[] = ts ? ['typescript', 'decorators-legacy'] : [];
  if (!ts || file.endsWith('x')) plugins.push('jsx');
  const ast = parse(source, { sourceType: 'unambiguous', plugins, allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true, createImportExpressions: true, errorRecovery: false });
  recent.delete(file);
  recent.set(file, { source, ast });
  if (recent.size > RECENT_FILES) recent.delete(recent.keys().next().value!);
  return ast;
}

export function walk(node: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (typeof node !== 'object' || node === null || typeof (node as Node).type !== 'string') return;
  visit(node as Node);
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'loc' && key !== 'extra' && typeof value === 'object') walk(value, visit);
  }
}

/** `'./x'`, `` `./x` `` without expressions, or Vitest's typed form `import('./x')` */
export function literalArg(call: Pick<Call, 'arguments'>): string | undefined {
  const [first] = call.arguments;
  if (!first) return undefined;
  if (first.type === 'StringLiteral') return first.value as string;
  if (first.type === 'TemplateLiteral' && (first.expressions as unknown[]).length === 0) return ((first.quasis as { value: { cooked: string } }[])[0]!).value.cooked;
  if (first.type === 'ImportExpression') return literalArg({ arguments: [first.source as Node] });
  return undefined;
}
