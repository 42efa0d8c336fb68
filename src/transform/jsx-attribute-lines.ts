import { parseFile, walk, type Node } from './source-ast.js';

/**
 * Babel's JSX transform (babel-jest with a project's React preset) joins the lines of a multi-line
 * attribute string with one space: `d="M0,0 L1,1⏎    L2,2"` gives `M0,0 L1,1 L2,2`; esbuild, like
 * TypeScript, keeps them (reakit's SVG paths then differ in snapshots and assertions). For the
 * files Babel compiles, such a string becomes the joined string in braces, followed by its line
 * breaks, so every later line keeps its number. (A suite that compiles its .tsx with ts-jest and
 * its .js with Babel gets the join in both.) A string with an HTML entity is left as it is
 * (Babel's value decodes it; a JavaScript string would not).
 */
const HINT = /=\s*(?:"[^"]*\n|'[^']*\n)/;

export function joinAttributeLines(source: string, file: string): string | undefined {
  if (!HINT.test(source)) return undefined;
  const edits: { start: number; end: number; text: string }[] = [];
  walk(parseFile(source, file), (node) => {
    const value = node.type === 'JSXAttribute' ? (node.value as Node | null) : null;
    if (value?.type !== 'StringLiteral') return;
    const raw = source.slice(value.start + 1, value.end - 1);
    if (!raw.includes('\n') || raw.includes('&')) return;
    const breaks = '\n'.repeat(raw.split('\n').length - 1);
    edits.push({ start: value.start, end: value.end, text: `{${JSON.stringify(raw.replace(/\n\s+/g, ' '))}${breaks}}` });
  });
  if (edits.length === 0) return undefined;
  let out = source;
  for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, start) + text + out.slice(end);
  return out;
}
