import { ENVIRONMENTS, type EnvironmentName } from '../model/compat.js';

const PRAGMA = /@(vitest|jest)-environment(?![\w-])[ \t]*(\S*)/;

/**
 * The environment a test file asks for in a comment before its first statement: Jest's
 * `/** @jest-environment jsdom *\/` docblock, Vitest's `@vitest-environment` in a block or a
 * `//` comment. Vitest also finds the pragma further down a file; only the top counts here, as in
 * Jest, so a string or comment in the middle of a test cannot switch it.
 */
export function environmentOf(source: string, fallback: EnvironmentName): EnvironmentName {
  for (const comment of leadingComments(source)) {
    const match = PRAGMA.exec(comment);
    if (!match) continue;
    const [, tool, value] = match as unknown as [string, string, string];
    if ((ENVIRONMENTS as readonly string[]).includes(value)) return value as EnvironmentName;
    const named = value === '' ? 'names no environment' : `names the unknown environment '${value}'`;
    throw new Error(`@${tool}-environment ${named}: supported are ${ENVIRONMENTS.join(', ')}`);
  }
  return fallback;
}

/** The texts of the comments before the first statement (after a BOM and a #! line). */
function leadingComments(source: string): string[] {
  const comments: string[] = [];
  let at = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (source.startsWith('#!', at)) at = lineEnd(source, at);
  for (;;) {
    while (at < source.length && /\s/.test(source[at]!)) at++;
    if (source.startsWith('//', at)) {
      const end = lineEnd(source, at);
      comments.push(source.slice(at + 2, end));
      at = end;
    } else if (source.startsWith('/*', at)) {
      const close = source.indexOf('*/', at + 2);
      const end = close === -1 ? source.length : close;
      comments.push(source.slice(at + 2, end));
      at = close === -1 ? end : close + 2;
    } else {
      return comments;
    }
  }
}

function lineEnd(source: string, from: number): number {
  const end = source.slice(from).search(/[\n\r\u2028\u2029]/);
  return end === -1 ? source.length : from + end;
}
