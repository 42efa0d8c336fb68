import type { RunEvent } from '../../model/events.js';
import { isFailure } from '../../model/outcome.js';

/** Per-file and overall counts the progress displays need while the run is going. */
export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  todo: number;
  /** failed, then passed on a retry */
  flaky: number;
  /** failed, and waiting for a retry in a later unit */
  retrying: number;
}

const zero = (): Counts => ({ passed: 0, failed: 0, skipped: 0, todo: 0, flaky: 0, retrying: 0 });

export class FileTally {
  readonly total: Counts = zero();
  /** tests with a failed attempt that is being retried: their next end decides */
  private readonly retried = new Set<string>();
  /** of those, the ones whose next attempt has not ended yet */
  private readonly pending = new Set<string>();
  private readonly byFile = new Map<string, Counts>();
  /** the slots running a part of a file, each with the part's own counts */
  private readonly parts = new Map<number, Counts>();
  /** files with a unit ended: a file split into parts, or retried, is one file */
  private readonly ended = new Set<string>();
  /** files with an error outside their tests (an import that failed, a broken afterAll) */
  readonly filesWithErrors = new Set<string>();

  onEvent(event: RunEvent): void {
    if (event.type === 'unit:start' && event.part) this.parts.set(event.slot, zero());
    else if (event.type === 'unit:start') this.parts.delete(event.slot);
    if (event.type === 'unit:end') this.ended.add(event.file);
    if (event.type === 'error' && event.error.file) this.filesWithErrors.add(event.error.file);
    if (event.type !== 'test:end') return;
    const part = this.parts.get(event.slot);
    const count = (key: keyof Counts, by: number) => {
      this.of(event.test.file)[key] += by;
      if (part) part[key] += by;
      this.total[key] += by;
    };
    if (this.pending.delete(event.test.id)) count('retrying', -1);
    if (event.retry) {
      this.retried.add(event.test.id);
      this.pending.add(event.test.id);
      return count('retrying', 1);
    }
    const status = event.attempt.status;
    count(isFailure(status) ? 'failed' : status === 'todo' ? 'todo' : status !== 'passed' ? 'skipped' : this.retried.has(event.test.id) ? 'flaky' : 'passed', 1);
  }

  get filesDone(): number {
    return this.ended.size;
  }

  of(file: string): Counts {
    let counts = this.byFile.get(file);
    if (!counts) this.byFile.set(file, (counts = zero()));
    return counts;
  }

  /** the counts of the part of a file the slot runs (or ran last); undefined when its unit is a whole file */
  ofPart(slot: number): Counts | undefined {
    return this.parts.get(slot);
  }
}
