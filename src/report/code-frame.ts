import { readFileSync } from 'node:fs';
import { codeFrameColumns } from '@babel/code-frame';
import type { SourceLocation } from '../model/results.js';

/** The original source lines around a failure (a code frame of the .ts file), or undefined. */
export function codeFrame(location: SourceLocation, highlight: boolean): string | undefined {
  try {
    const source = readFileSync(location.file, 'utf8');
    return codeFrameColumns(source, { start: { line: location.line, column: location.column } }, { highlightCode: highlight, linesAbove: 2, linesBelow: 2 });
  } catch {
    return undefined; // the file moved or is not text: the location line is enough
  }
}
