import { parse, type ParserPlugin } from '@babel/parser';

/** The slice of Babel's AST that ptest's source rewrites read. */
export type Node = { type: string; start: number; end: number; [key: string]: unknown };
export type Call = Node & { callee: Node & { name?: string; object?: Node & { name?: string }; property?: Node & { name?: string } }; arguments: Node[] };

/** A test, setup or source file as Babel reads it: TypeScript and JSX by extension, either module type. */
export function parseFile(source: string, file: string) {
  const plugins: ParserPlugin[] = /\.[cm]?tsx?$/.test(file) ? ['typescript', 'decorators-legacy'] : [];
  if (/x$/.test(file)) plugins.push('jsx');
  return parse(source, { sourceType: 'unambiguous', plugins, allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true, createImportExpressions: true, errorRecovery: false });
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
