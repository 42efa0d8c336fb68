import type { RunEvent } from '../model/events.js';
import type { Reporter } from './reporter.js';
import type { RunReport } from './run-report.js';
import { colorLevel, makeChalk } from './terminal/colors.js';
import type { FailureFormat } from './terminal/format-failure.js';
import { LiveProgress } from './terminal/live-progress.js';
import { PlainProgress } from './terminal/plain-progress.js';
import { summaryLines } from './terminal/summary.js';

/**
 * `--reporter default`: live bars in an interactive terminal, plain lines in CI and pipes, and the
 * same summary at the end in both.
 */
export interface TerminalOptions {
  root: string;
  internalDirs: string[];
  stream?: NodeJS.WriteStream;
  env?: NodeJS.ProcessEnv;
}

export class TerminalReporter implements Reporter {
  private readonly progress: { onEvent(event: RunEvent): void };
  private readonly format: FailureFormat;
  private readonly stream: NodeJS.WriteStream;

  constructor(options: TerminalOptions) {
    const env = options.env ?? process.env;
    this.stream = options.stream ?? process.stdout;
    const interactive = Boolean(this.stream.isTTY) && !env.CI;
    const chalk = makeChalk(colorLevel(env, Boolean(this.stream.isTTY)));
    this.format = { chalk, root: options.root, internalDirs: options.internalDirs };
    this.progress = interactive ? new LiveProgress(this.stream, chalk) : new PlainProgress((line) => this.stream.write(line + '\n'), chalk);
  }

  onEvent(event: RunEvent): void {
    this.progress.onEvent(event);
  }

  onRunEnd(report: RunReport): void {
    this.stream.write(summaryLines(report, this.format).join('\n') + '\n');
  }
}
