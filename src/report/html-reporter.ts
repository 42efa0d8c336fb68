import { writeAtomic } from '../io/atomic-write.js';
import { allTests, failures, type SourceView } from './html/failures.js';
import { flakyTable } from './html/flaky.js';
import { page } from './html/page.js';
import { quarantineList } from './html/quarantine.js';
import { timeline } from './html/timeline.js';
import type { Reporter } from './reporter.js';
import type { RunReport } from './run-report.js';

/**
 * `--reporter html:<path>`: one self-contained page to open from a CI artifact: the failures, the
 * flaky tests with their flip rates and recent runs, the quarantine list, and a timeline of every
 * worker. Everything from the suite is escaped (html/markup.ts) and the page runs no script.
 */
export class HtmlReporter implements Reporter {
  constructor(
    private readonly path: string,
    private readonly view: SourceView,
  ) {}

  async onRunEnd(report: RunReport): Promise<void> {
    await writeAtomic(this.path, toHtml(report, this.view));
  }
}

export function toHtml(report: RunReport, view: SourceView): string {
  return page(report, [failures(report, view), flakyTable(report), quarantineList(report), timeline(report), allTests(report)]);
}
