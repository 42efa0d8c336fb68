import MagicString from 'magic-string';
import { literalArg, parseFile, walk, type Call, type Node } from './source-ast.js';

/**
 * `require(name)` and `import(name)` whose module is known only at run time. esbuild bundles a
 * literal specifier, both branches of `c ? './a' : './b'` and a relative pattern that names the
 * extension (`./locales/${lang}.js`; one that does not is completed: completesPattern); anything
 * else it leaves to the runtime, where the specifier would be
 * resolved from the bundle's place in the cache, past the mock registry, and a TypeScript module
 * could not be loaded at all. Such calls go to the thread's loader instead
 * (worker/computed-loads.ts), with the file they were written in, as Jest's and Vitest's module
 * registries see them.
 */
export const COMPUTED_LOADER = 'globalThis[Symbol.for("ptest.compat.loads")]';

/** a call to require or import() whose argument is not one quoted string: most files have none */
const HINT = /\b(?:require|import)\s*\(\s*(?:[^\s'")]|(['"])[^'"\n]*\1\s*\+)/;

/**
 * Routes the file's computed loads in `s` (its parsed `ast`), except inside `skip` ranges; returns
 * how many. With `choices` (a file that resets its modules), a choice between literals
 * (`require(c ? './a' : './b')`) is routed too, since after a reset the module must come from
 * the registry that a computed load elsewhere shares; each branch's bundled load goes along, for
 * use until the file resets.
 */
export function routeComputedLoads(s: MagicString, ast: unknown, file: string, { skip = [], choices = false }: { skip?: readonly (readonly [number, number])[]; choices?: boolean } = {}): number {
  if (!HINT.test(s.original) && !(choices && /\?/.test(s.original))) return 0;
  const ownRequire = /\b(?:const|let|var|function)\s+require\b/.test(s.original);
  let routed = 0;
  walk(ast, (node) => {
    const site = loadCall(node, ownRequire);
    if (!site || skip.some(([start, end]) => node.start >= start && node.end <= end)) return;
    const branches = choices ? literalBranches(site.arg) : undefined;
    if (!branches && completesPattern(s, site.arg, file)) {
      routed++;
      return;
    }
    if (!branches && !isComputed(site.arg)) return;
    const native = site.kind === 'import' ? ', (specifier) => import(specifier)' : '';
    const bundled = branches ? `, { ${branches.map((b) => `${JSON.stringify(b)}: () => ${site.kind}(${JSON.stringify(b)})`).join(', ')} }` : '';
    s.overwrite(node.start, site.arg.start, `${COMPUTED_LOADER}.${site.kind}(`);
    s.overwrite(site.arg.end, node.end, `, ${JSON.stringify(file)}${native}${bundled})`);
    routed++;
  });
  return routed;
}

/** `source` with its computed loads routed and an inline source map, or undefined when it has none */
export function rewriteComputedLoads(source: string, file: string): string | undefined {
  if (!HINT.test(source)) return undefined;
  const s = new MagicString(source);
  if (routeComputedLoads(s, parseFile(source, file), file) === 0) return undefined;
  return `${s.toString()}\n//# sourceMappingURL=${s.generateMap({ hires: true, source: file, includeContent: false }).toUrl()}\n`;
}

function loadCall(node: Node, ownRequire: boolean): { kind: 'require' | 'import'; arg: Node } | undefined {
  // `import(x, { with: ... })`: its options are left as written, with the call
  if (node.type === 'ImportExpression') return node.options == null ? { kind: 'import', arg: node.source as Node } : undefined;
  if (node.type !== 'CallExpression' || ownRequire) return undefined;
  const call = node as Call;
  const [arg] = call.arguments;
  if (call.callee.type !== 'Identifier' || call.callee.name !== 'require' || call.arguments.length !== 1 || !arg || arg.type === 'SpreadElement') return undefined;
  return { kind: 'require', arg };
}

/** the specifiers of `c ? 'a' : d ? 'b' : 'c'`, or undefined when it is not a choice between literals */
function literalBranches(node: Node): string[] | undefined {
  if (node.type !== 'ConditionalExpression') return undefined;
  const leaves: string[] = [];
  for (const branch of [node.consequent as Node, node.alternate as Node]) {
    const literal = literalArg({ arguments: [branch] });
    const inner = literal === undefined ? literalBranches(branch) : [literal];
    if (!inner) return undefined;
    leaves.push(...inner);
  }
  return leaves;
}

/**
 * A relative pattern without an extension (`../lib/${name}`, `'./plugins/' + name`): esbuild bundles
 * every file it could match, under its whole path, and a run-time name must be one of those paths,
 * so the thread's loader appends what Node would (`.js`, `/index.ts`) inside the pattern, where
 * esbuild still sees it. The bundle's instance is then the one loaded, as under Jest. Its parts are
 * evaluated twice, so only names and property reads qualify; false when not rewritten.
 */
function completesPattern(s: MagicString, arg: Node, file: string): boolean {
  const parts = arg.type === 'TemplateLiteral' ? (arg.expressions as Node[]) : arg.type === 'BinaryExpression' && arg.operator === '+' ? operands(arg).slice(1) : undefined;
  if (!parts || parts.length === 0 || !parts.every(isPlainRead)) return false;
  const [prefix, suffix] = arg.type === 'TemplateLiteral' ? templateEnds(arg) : [leftmostString(arg), rightmostString(arg)];
  if (!(prefix.startsWith('./') || prefix.startsWith('../')) || /\.\w+$/.test(suffix)) return false;
  const completion = `${COMPUTED_LOADER}.completion(${s.original.slice(arg.start, arg.end)}, ${JSON.stringify(file)})`;
  if (arg.type === 'TemplateLiteral') s.appendLeft(arg.end - 1, `\${${completion}}`);
  else s.appendLeft(arg.end, ` + ${completion}`);
  return true;
}

function operands(node: Node): Node[] {
  return node.type === 'BinaryExpression' && node.operator === '+' ? [...operands(node.left as Node), node.right as Node] : [node];
}

function isPlainRead(node: Node): boolean {
  if (node.type === 'Identifier' || node.type === 'StringLiteral' || node.type === 'NumericLiteral') return true;
  return node.type === 'MemberExpression' && isPlainRead(node.object as Node) && (!node.computed || isPlainRead(node.property as Node));
}

function templateEnds(arg: Node): [string, string] {
  const quasis = arg.quasis as { value: { cooked: string } }[];
  return [quasis[0]!.value.cooked, quasis.at(-1)!.value.cooked];
}

/** whether esbuild leaves the specifier to the runtime */
export function isComputed(arg: Node): boolean {
  switch (arg.type) {
    case 'StringLiteral':
      return false;
    case 'TemplateLiteral': {
      const quasis = arg.quasis as { value: { cooked: string } }[];
      return (arg.expressions as unknown[]).length > 0 && !isBundledPattern(quasis[0]!.value.cooked, quasis.at(-1)!.value.cooked);
    }
    case 'BinaryExpression':
      return arg.operator !== '+' || !isBundledPattern(leftmostString(arg), rightmostString(arg));
    case 'ConditionalExpression':
      return isComputed(arg.consequent as Node) || isComputed(arg.alternate as Node);
    default:
      return true;
  }
}

function leftmostString(node: Node): string {
  let left = node;
  while (left.type === 'BinaryExpression' && left.operator === '+') left = left.left as Node;
  return left.type === 'StringLiteral' ? (left.value as string) : '';
}

function rightmostString(node: Node): string {
  const right = node.type === 'BinaryExpression' && node.operator === '+' ? (node.right as Node) : node;
  return right.type === 'StringLiteral' ? (right.value as string) : '';
}

/**
 * esbuild bundles a relative pattern's matches under their whole paths, and a run-time name must
 * be one of them: `./locales/${lang}.json` is, but `../lib/${name}` (Node and Jest add the
 * extension) is not, and throws "Module not found in bundle". Only a pattern that ends in an
 * extension is left to esbuild.
 */
function isBundledPattern(prefix: string, suffix: string): boolean {
  return (prefix.startsWith('./') || prefix.startsWith('../')) && /\.\w+$/.test(suffix);
}
