import { relative } from 'node:path';
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
  if (error.location) {
    lines.push('', `    ${f.chalk.cyan(`at ${where(error.location, f.root)}`)}`);
    const frame = codeFrame(error.location, f.chalk.level > 0);
    if (frame) lines.push('', ...frame.split('\n').map((l) => `    ${l}`));
  }
  const frames = userFrames(error.stack, f.internalDirs);
  if (frames.length > 1) lines.push('', ...frames.slice(0, 8).map((l) => f.chalk.dim(`    ${l.trim()}`)));
  return lines;
}

export function where(location: SourceLocation, root: string): string {
  return `${relative(root, location.file)}:${location.line}:${location.column}`;
}
