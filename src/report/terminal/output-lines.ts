import type { ChalkInstance } from 'chalk';
import type { RunEvent } from '../../model/events.js';
import { printable } from './printable.js';

type OutputEvent = Extract<RunEvent, { type: 'output' }>;

/**
 * What a test file wrote, as Vitest prints it: a dim `stdout | file > describe > test` line, then
 * the text as written (colours and all). Consecutive writes of one test to one stream share a
 * header until something else is printed between them; the text always ends its line, so the live
 * bars redraw below it.
 */
export class OutputLines {
  private last: string | undefined;

  constructor(private readonly chalk: ChalkInstance) {}

  /** the lines to print for `event`, ending in a newline */
  block(event: OutputEvent): string {
    const source = `${event.stream} | ${printable(event.test?.id ?? event.file)}${event.test?.repetition === undefined ? '' : ` (repetition ${event.test.repetition + 1})`}`;
    const header = source === this.last ? '' : `${event.stream === 'stderr' ? this.chalk.yellow.dim(source) : this.chalk.dim(source)}\n`;
    this.last = source;
    return header + (event.text.endsWith('\n') ? event.text : `${event.text}\n`);
  }

  /** a line of another kind was printed: the next output names its source again */
  interrupt(): void {
    this.last = undefined;
  }
}
