import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { QuarantineOptions } from '../config/quarantine-options.js';
import type { History } from '../history/history-model.js';
import { fileOfTestId } from '../model/test-id.js';
import type { QuarantineReview, RunReport } from '../report/run-report.js';
import { dayOf, type Quarantine } from './quarantine-model.js';
import { autoQuarantine, reviewQuarantine } from './quarantine-policy.js';
import { loadQuarantine, updateQuarantine } from './quarantine-store.js';

/**
 * The quarantine as one run uses it: read (and validated) before the run, so a broken file stops it
 * at once; then, with the report, reviewed for expired and stale entries and, with
 * `--auto-quarantine`, extended with the tests the history shows to be flaky.
 */
export class RunQuarantine {
  private constructor(
    private readonly options: QuarantineOptions,
    private readonly list: Quarantine,
  ) {}

  static async load(options: QuarantineOptions): Promise<RunQuarantine> {
    return new RunQuarantine(options, await loadQuarantine(options.file));
  }

  get ids(): Set<string> {
    return new Set(this.list.tests.map((e) => e.id));
  }

  /** tests the workers report skipped without running them */
  get skipIds(): string[] {
    return this.options.mode === 'skip' ? [...this.ids] : [];
  }

  /**
   * `files`: the run's test files; `complete`: every test of them was reported (no --grep, no early
   * stop), so a listed test missing from the report is gone. `history`: with this run folded in.
   */
  async review(report: RunReport, o: { root: string; files: readonly string[]; complete: boolean; history: History | null; now: Date }): Promise<QuarantineReview> {
    const today = dayOf(o.now);
    const reported = new Set(report.tests.map((t) => t.id));
    const { expired, stale } = reviewQuarantine(this.list, {
      today,
      reported,
      // a file with an error (an import that failed) may not have reported all its tests
      fullyRunFiles: new Set(o.complete ? o.files.filter((f) => !report.errors.some((e) => e.file === f)) : []),
      existingFiles: new Set(this.list.tests.map((e) => fileOfTestId(e.id)).filter((file) => existsSync(join(o.root, file)))),
    });
    const added = this.options.auto && o.history ? autoQuarantine(o.history, this.list, this.options, today) : [];
    if (added.length > 0) await updateQuarantine(this.options.file, added, []);
    const entries = this.list.tests.filter((e) => reported.has(e.id));
    const rel = relative(o.root, this.options.file);
    const file = rel.startsWith('..') || isAbsolute(rel) ? this.options.file : rel.split('\\').join('/');
    return { file, mode: this.options.mode, entries, expired, stale, added };
  }
}
