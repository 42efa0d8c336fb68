import { lastOutcome, median, type History } from '../history/history-model.js';

/**
 * Expected durations from the history: the median of each test's and each file's recent samples.
 * What is unknown is estimated from what is known: a new file as a typical file, a new test as a
 * typical test, a file's fixed cost (import, hooks) as its time beyond its tests'.
 */
/** with no history at all, every file is assumed to cost this much */
export const UNKNOWN_FILE_MS = 100;

export class Estimates {
  private readonly typicalFileMs: number;
  private readonly typicalTestMs: number;
  private readonly typicalOverheadMs: number;

  constructor(private readonly history: History) {
    const fileMedians = Object.keys(history.files).flatMap((f) => optional(this.measuredFileMs(f)));
    const testMedians = Object.keys(history.tests).flatMap((id) => optional(this.testMs(id)));
    const overheads = Object.keys(history.files).flatMap((f) => optional(this.measuredOverheadMs(f)));
    this.typicalFileMs = median(fileMedians) ?? UNKNOWN_FILE_MS;
    this.typicalTestMs = median(testMedians) ?? 0;
    this.typicalOverheadMs = median(overheads) ?? 0;
  }

  testMs(id: string): number | undefined {
    return median(this.history.tests[id]?.durations ?? []);
  }

  fileMs(file: string): number {
    const measured = this.measuredFileMs(file);
    if (measured !== undefined) return measured;
    const tests = this.testsOf(file);
    return tests.length > 0 ? this.chunkMs(file, tests) : this.typicalFileMs;
  }

  /** a chunk of a file: its tests plus the file's fixed cost, paid again by every chunk */
  chunkMs(file: string, testIds: readonly string[]): number {
    return testIds.reduce((sum, id) => sum + (this.testMs(id) ?? this.typicalTestMs), 0) + this.overheadMs(file);
  }

  overheadMs(file: string): number {
    return this.measuredOverheadMs(file) ?? this.typicalOverheadMs;
  }

  /** has the file ever run (whole, or some of its tests)? */
  knows(file: string): boolean {
    return this.measuredFileMs(file) !== undefined || this.testsOf(file).length > 0;
  }

  /** the file's test ids in declaration order, as last seen */
  testsOf(file: string): string[] {
    return this.history.files[file]?.tests ?? [];
  }

  failedLastRun(testIds: readonly string[]): boolean {
    return testIds.some((id) => lastOutcome(this.history.tests[id]) === 'f');
  }

  private measuredFileMs(file: string): number | undefined {
    return median(this.history.files[file]?.durations ?? []);
  }

  private measuredOverheadMs(file: string): number | undefined {
    const whole = this.measuredFileMs(file);
    const tests = this.testsOf(file).map((id) => this.testMs(id));
    if (whole === undefined || tests.length === 0 || tests.some((t) => t === undefined)) return undefined;
    return Math.max(0, whole - tests.reduce((a: number, b) => a + b!, 0));
  }
}

function optional(value: number | undefined): number[] {
  return value === undefined ? [] : [value];
}
