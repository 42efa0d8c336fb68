import type { Reporter } from './reporter.js';
import type { RunReport } from './run-report.js';
import { unfinishedText, unloadedText, verdictText } from './verdict.js';

/**
 * The one line a run without the terminal reporter prints (`--reporter json` alone), on stderr so
 * a report written to stdout's pipe stays clean: the verdict, what did not run, and where the
 * reports went. `ptest: 3 passed, 1 failed · json: ptest-report.json`.
 */
export class VerdictReporter implements Reporter {
  constructor(
    /** `name: path` of each report written */
    private readonly written: readonly string[],
    private readonly write: (line: string) => void = (line) => void process.stderr.write(`${line}\n`),
  ) {}

  onRunEnd(report: RunReport): void {
    const notes = [unloadedText(report), unfinishedText(report), ...this.written].filter(Boolean);
    this.write(`ptest: ${verdictText(report.summary)}${notes.map((note) => ` · ${note}`).join('')}`);
  }
}
