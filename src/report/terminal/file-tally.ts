import type { RunEvent } from '../../model/events.js';
import { isFailure } from '../../model/outcome.js';

/** Per-file and overall counts the progress displays need while the run is going. */
export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export class FileTally {
  readonly total: Counts = { passed: 0, failed: 0, skipped: 0 };
  private readonly byFile = new Map<string, Counts>();
  filesDone = 0;
  /** files with an error outside their tests (an import that failed, a broken afterAll) */
  readonly filesWithErrors = new Set<string>();

  onEvent(event: RunEvent): void {
    if (event.type === 'unit:end') this.filesDone++;
    if (event.type === 'error' && event.error.file) this.filesWithErrors.add(event.error.file);
    if (event.type !== 'test:end') return;
    const counts = this.of(event.test.file);
    const status = event.attempt.status;
    const key: keyof Counts = isFailure(status) ? 'failed' : status === 'passed' ? 'passed' : 'skipped';
    counts[key]++;
    this.total[key]++;
  }

  of(file: string): Counts {
    let counts = this.byFile.get(file);
    if (!counts) this.byFile.set(file, (counts = { passed: 0, failed: 0, skipped: 0 }));
    return counts;
  }
}
