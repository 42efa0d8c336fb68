import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { ChalkInstance } from 'chalk';
import type { RunEvent } from '../../model/events.js';
import { isFailure } from '../../model/outcome.js';
import { testsOf } from '../../model/task-tree.js';
import { FileTally } from './file-tally.js';
import { OutputLines } from './output-lines.js';
import { printable } from './printable.js';

/**
 * The interactive display: one bar for the run (files done) and one per worker naming the file it
 * runs and how far into it it is. Failing tests are printed above the bars as they happen.
 */
export class LiveProgress {
  private readonly bars: MultiBar;
  private readonly tally = new FileTally();
  private overall: SingleBar | undefined;
  private readonly workers = new Map<number, SingleBar>();
  private readonly output: OutputLines;

  constructor(
    stream: NodeJS.WriteStream,
    private readonly chalk: ChalkInstance,
  ) {
    this.output = new OutputLines(chalk);
    this.bars = new MultiBar(
      {
        stream,
        format: '{label} {bar} {value}/{total} {detail}',
        barsize: 24,
        hideCursor: true,
        clearOnComplete: true,
        autopadding: true,
        fps: 10,
      },
      Presets.shades_classic,
    );
  }

  onEvent(event: RunEvent): void {
    this.tally.onEvent(event);
    const { chalk } = this;
    switch (event.type) {
      case 'run:start':
        this.overall = this.bars.create(event.files, 0, { label: chalk.bold('files'), detail: '' });
        for (let slot = 0; slot < event.workers; slot++) {
          this.workers.set(slot, this.bars.create(1, 0, { label: chalk.dim(`w${slot}`.padStart(5)), detail: chalk.dim('starting') }));
        }
        return;
      case 'unit:start':
        return this.workers.get(event.slot)?.start(1, 0, { label: chalk.dim(`w${event.slot}`.padStart(5)), detail: printable(event.file) });
      case 'file:collected':
        return this.workers.get(event.slot)?.setTotal(Math.max(1, testsOf(event.tree).length));
      case 'test:end':
        if (event.retry) return this.log(chalk.yellow(`↻ ${printable(event.test.id)} [${event.attempt.status}; trying again]\n`));
        this.workers.get(event.slot)?.increment();
        if (isFailure(event.attempt.status)) this.log(chalk.red(`✗ ${printable(event.test.id)} [${event.attempt.status}]\n`));
        return this.refreshOverall();
      case 'unit:end':
        this.workers.get(event.slot)?.update({ detail: chalk.dim('idle') });
        return this.refreshOverall();
      case 'worker:lost':
        this.log(chalk.yellow(`! worker ${event.slot} replaced: ${event.reason.split('\n')[0]}\n`));
        return;
      case 'error':
        this.log(chalk.red(`✗ ${printable(event.error.file ?? 'run')}: ${event.error.kind} error\n`));
        return;
      case 'output':
        this.bars.log(this.output.block(event));
        return;
      case 'run:end':
        this.bars.stop();
        return;
      default:
        return;
    }
  }

  /** a line above the bars */
  private log(line: string): void {
    this.output.interrupt();
    this.bars.log(line);
  }

  private refreshOverall(): void {
    const { passed, failed, skipped, todo, flaky } = this.tally.total;
    const detail = [
      this.chalk.green(`${passed} passed`),
      failed > 0 ? this.chalk.red(`${failed} failed`) : '',
      flaky > 0 ? this.chalk.yellow(`${flaky} flaky`) : '',
      skipped > 0 ? this.chalk.yellow(`${skipped} skipped`) : '',
      todo > 0 ? this.chalk.cyan(`${todo} todo`) : '',
    ].filter(Boolean).join(' ');
    this.overall?.update(this.tally.filesDone, { detail });
  }
}
