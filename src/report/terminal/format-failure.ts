import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import type { ChalkInstance } from 'chalk';
import type { SourceLocation, TestError } from '../../model/results.js';
import { userFrames } from '../../model/stack-frames.js';
import { codeFrame } from '../code-frame.js';

/**
 * A failure as a person wants to read it: the assertion message with expect's diff, the original
 * source line it came from (a code frame of the .ts file), then the user's part of the stack.
 */
export interface FailureFormat {
  chalk: ChalkInstance;
  root: string;
  /** ptest's own directory: its frames are noise to the user */
  internalDirs: readonly string[];
}

export function formatError(error: TestError, f: FailureFormat): string[] {
  const message = f.chalk.level > 0 ? error.message : stripVTControlCharacters(error.message);
  const lines = message.split('\n').map((l) => `    ${l}`);
  // the stack's frames, as Jest prints them: paths from the root, a module's file:// URL as its path
  const frames = userFrames(error.stack, f.internalDirs).slice(0, 8).map((l) => readableFrame(l.trim(), f.root));
  const location = error.location && where(error.location, f.root);
  if (location) {
    // with a stack below, its frame says where: the same place is not printed twice
    if (frames.length <= 1) lines.push('', `    ${f.chalk.cyan(`at ${location}`)}`);
    const frame = codeFrame(error.location!, f.chalk.level > 0);
    if (frame) lines.push('', ...frame.split('\n').map((l) => `    ${l}`));
  }
  if (frames.length > 1) lines.push('', ...frames.map((l) => `    ${location && l.includes(location) ? f.chalk.cyan(l) : f.chalk.dim(l)}`));
  return lines;
}

/** `at f (file:///repo/src/a.ts:3:1)` as `at f (src/a.ts:3:1)` */
export function readableFrame(frame: string, root: string): string {
  const prefix = root.endsWith(sep) ? root : root + sep;
  return frame.replace(/file:\/\/(\/[^\s)]*)/g, (url: string) => {
    try {
      return fileURLToPath(url);
    } catch {
      return url;
    }
  }).split(prefix).join('');
}

export function where(location: SourceLocation, root: string): string {
  return `${relative(root, location.file)}:${location.line}:${location.column}`;
}
