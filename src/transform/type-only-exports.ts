import { parseFile, type Node } from './source-ast.js';

/**
 * A TypeScript file that exports only types and assigns `module.exports` (next-router-mock:
 * `export declare const X: …` for the type checker, `module.exports = require(…)` for the value)
 * is CommonJS to ts-jest and Babel, which erase the type-only exports; esbuild takes any `export`
 * for an ES module's, and its importers find no named exports. Such a file's type-only `export`
 * keywords become spaces (columns hold), so esbuild reads it as CommonJS.
 */
const HINT = /^\s*export\s/m;
const ASSIGNS_EXPORTS = /\bmodule\.exports\s*=|\bexports\.[\w$]+\s*=/;

export function withoutTypeOnlyExports(source: string, file: string): string | undefined {
  if (!HINT.test(source) || !ASSIGNS_EXPORTS.test(source)) return undefined;
  const body = (parseFile(source, file).program as unknown as { body: Node[] }).body;
  const exports = body.filter((node) => node.type.startsWith('Export') || node.type === 'TSExportAssignment');
  if (exports.length === 0 || !exports.every(isTypeOnly)) return undefined;
  let out = source;
  for (const node of exports) {
    // `export {}` says "a module" to TypeScript and nothing to esbuild but that it is an ES one
    const end = node.type === 'ExportNamedDeclaration' && !node.declaration ? node.end : node.start + 'export'.length;
    out = out.slice(0, node.start) + out.slice(node.start, end).replace(/[^\n]/g, ' ') + out.slice(end);
  }
  return out;
}

function isTypeOnly(node: Node): boolean {
  if (node.type !== 'ExportNamedDeclaration') return false;
  if (node.exportKind === 'type') return true;
  const declaration = node.declaration as Node | null;
  if (!declaration) return (node.specifiers as unknown[]).length === 0 && !node.source;
  return declaration.declare === true || ['TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TSDeclareFunction'].includes(declaration.type);
}
