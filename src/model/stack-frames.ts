import type { SourceLocation } from './results.js';

/**
 * Reads V8 stack lines (already source-mapped by Node) into locations. Pure string work, shared by
 * the worker (to find a failure's location) and the reporters (to print a trimmed stack).
 */
const FRAME = /^\s*at (?:.*? \()?(file:\/\/\/?[^()]+?|\/[^()]+?|[A-Za-z]:\\[^()]+?):(\d+):(\d+)\)?$/;

export function parseFrame(line: string): SourceLocation | undefined {
  const m = FRAME.exec(line);
  if (!m) return undefined;
  return { file: toPath(m[1]!), line: Number(m[2]), column: Number(m[3]) };
}

function toPath(raw: string): string {
  let file = raw;
  if (file.startsWith('file://')) file = decodeURIComponent(file.slice('file://'.length));
  const query = file.indexOf('?');
  return query === -1 ? file : file.slice(0, query);
}

/** A frame in the user's own code: not Node's, not a dependency's, not ptest's. */
export function isUserFrame(loc: SourceLocation, internalDirs: readonly string[]): boolean {
  return !loc.file.includes('/node_modules/') && !internalDirs.some((dir) => loc.file.startsWith(dir));
}

export function firstUserFrame(stack: string | undefined, internalDirs: readonly string[]): SourceLocation | undefined {
  for (const line of stack?.split('\n') ?? []) {
    const loc = parseFrame(line);
    if (loc && isUserFrame(loc, internalDirs)) return loc;
  }
  return undefined;
}

/** The stack's frame lines that belong to user code (message lines dropped). */
export function userFrames(stack: string | undefined, internalDirs: readonly string[]): string[] {
  return (stack?.split('\n') ?? []).filter((line) => {
    const loc = parseFrame(line);
    return loc !== undefined && isUserFrame(loc, internalDirs);
  });
}
