import type { ChalkInstance } from 'chalk';
import type { RunEvent } from '../../model/events.js';
import { isFailure } from '../../model/outcome.js';
import { FileTally } from './file-tally.js';
import { OutputLines } from './output-lines.js';
import { printable } from './printable.js';

/**
 * Progress for CI logs and pipes: one line per finished file and one per failing test, with no
 * cursor movement, so the log reads the same in any viewer.
 */
export class PlainProgress {
  private readonly tally = new FileTally();
  /** slots whose thread was lost during their current unit: its tally is not the file's verdict */
  private readonly lost = new Set<number>();
  private readonly output: OutputLines;

  constructor(
    private readonly raw: (line: string) => void,
    private readonly chalk: ChalkInstance,
  ) {
    this.output = new OutputLines(chalk);
  }

  /** a progress line: the next output names its source again */
  private write(line: string): void {
    this.output.interrupt();
    this.raw(line);
  }

  onEvent(event: RunEvent): void {
    this.tally.onEvent(event);
    const { chalk } = this;
    switch (event.type) {
      case 'run:start':
        return this.write(chalk.bold(`ptest: ${plural(event.files, 'file')} on ${plural(event.workers, 'worker')} (--dist ${event.dist})`));
      case 'unit:start':
        this.lost.delete(event.slot);
        return;
      case 'test:end':
        if (event.retry) this.write(chalk.yellow(`  ↻ ${printable(event.test.id)} [${event.attempt.status}; trying again]`));
        else if (isFailure(event.attempt.status)) this.write(chalk.red(`  ✗ ${printable(event.test.id)} [${event.attempt.status}]`));
        return;
      case 'worker:lost':
        this.lost.add(event.slot);
        return this.write(chalk.yellow(`  ! worker ${event.slot} replaced: ${event.reason.split('\n')[0]}`));
      case 'unit:end': {
        // a part of a file gives its own counts
        const part = this.tally.ofPart(event.slot);
        const counts = part ?? this.tally.of(event.file);
        const failed = counts.failed > 0 || this.tally.filesWithErrors.has(event.file);
        const lost = this.lost.has(event.slot);
        const mark = failed ? chalk.red('✗') : lost ? chalk.yellow('!') : counts.retrying > 0 ? chalk.yellow('↻') : chalk.green('✓');
        const parts = [`${part ? 'part: ' : ''}${counts.passed} passed`];
        if (lost) parts.push(chalk.yellow('worker lost'));
        if (counts.failed > 0) parts.push(chalk.red(`${counts.failed} failed`));
        if (counts.flaky > 0) parts.push(chalk.yellow(`${counts.flaky} flaky`));
        if (counts.retrying > 0) parts.push(chalk.yellow(`${counts.retrying} to try again`));
        if (counts.skipped > 0) parts.push(`${counts.skipped} skipped`);
        if (counts.todo > 0) parts.push(`${counts.todo} todo`);
        // from when the thread took the file up: a worker's first file does not count the thread's start
        const ms = event.busyMs;
        return this.write(`${mark} ${printable(event.file)} ${chalk.dim(`(${parts.join(', ')}; ${Math.round(ms)} ms; w${event.slot})`)}`);
      }
      case 'error':
        return this.write(chalk.red(`  ✗ ${printable(event.error.file ?? 'run')}: ${event.error.kind} error: ${event.error.message.split('\n')[0]}`));
      case 'output':
        return this.raw(this.output.block(event).slice(0, -1));
      default:
        return;
    }
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
