import type { RunError, RunEvent, TestRef } from '../model/events.js';
import { isFailure, overallFlakeCause, overallOutcome, passRateOf } from '../model/outcome.js';
import { testsOf } from '../model/task-tree.js';
import { fullName } from '../model/test-id.js';
import { OutputLog } from './output-log.js';
import { addSnapshots, NO_SNAPSHOTS, type Balance, type FileStat, type RunReport, type Summary, type TestRecord, type UnitSpan } from './run-report.js';

/**
 * Folds the run's event stream into the RunReport. Fed the same events as the reporters, it never
 * looks at workers or the planner, so a report can be rebuilt from a recorded event log.
 */
export class RunAggregate {
  private readonly tests = new Map<string, TestRecord>();
  private readonly errors: RunError[] = [];
  private readonly workers = new Map<number, { busyMs: number; tasks: number; recycled: number }>();
  private readonly files = new Map<string, FileStat>();
  private lastEndMs = 0;
  private readonly timeline: UnitSpan[] = [];
  /** each slot's running unit, on the timeline once it ends */
  private readonly running = new Map<number, UnitSpan>();
  private readonly output = new OutputLog();
  /** the tests each slot's current unit collected, in declaration order */
  private readonly collected = new Map<number, string[]>();
  /** ids of tests --grep left out */
  private readonly deselected = new Set<string>();
  private snapshots = NO_SNAPSHOTS;
  private start: Extract<RunEvent, { type: 'run:start' }> | undefined;
  private end: Extract<RunEvent, { type: 'run:end' }> | undefined;

  /** `quarantined`: ids of the quarantine list; their tests are marked and counted apart */
  constructor(private readonly quarantined: ReadonlySet<string> = new Set()) {}

  onEvent(event: RunEvent): void {
    switch (event.type) {
      case 'run:start':
        this.start = event;
        for (let id = 0; id < event.workers; id++) this.workers.set(id, { busyMs: 0, tasks: 0, recycled: 0 });
        return;
      case 'test:end':
        return this.addAttempt(event);
      case 'unit:end': {
        const worker = this.workers.get(event.slot) ?? { busyMs: 0, tasks: 0, recycled: 0 };
        worker.busyMs += event.busyMs;
        worker.tasks += 1;
        this.workers.set(event.slot, worker);
        const file = this.files.get(event.file);
        if (file) {
          Object.assign(file, { busyMs: file.busyMs + event.busyMs, units: file.units + 1, whole: false });
          delete file.tests;
        } else {
          const tests = event.whole ? this.collected.get(event.slot) : undefined;
          this.files.set(event.file, { file: event.file, busyMs: event.busyMs, units: 1, whole: event.whole, ...(tests ? { tests } : {}) });
        }
        this.collected.delete(event.slot);
        this.closeSpan(event.slot, event.atMs);
        this.lastEndMs = Math.max(this.lastEndMs, event.atMs);
        return;
      }
      case 'error':
        // each chunk of a split file finds the same obsolete snapshots
        if (event.error.kind === 'snapshot' && this.errors.some((e) => e.file === event.error.file && e.message === event.error.message)) return;
        this.errors.push(event.error);
        return;
      case 'snapshots':
        this.snapshots = addSnapshots(this.snapshots, { ...event.tally, obsoleteFiles: event.tally.obsolete > 0 ? [event.file] : [] });
        return;
      case 'run:end':
        this.end = event;
        for (const slot of [...this.running.keys()]) this.closeSpan(slot, event.wallMs);
        for (const { slot, test } of event.notRun.tests) {
          if (!this.tests.has(test.id)) this.tests.set(test.id, { ...notRunRecord(test, slot, event.wallMs), quarantined: this.quarantined.has(test.id) });
        }
        return;
      case 'file:collected':
        this.collected.set(event.slot, testsOf(event.tree).map((t) => t.id));
        // (a set: a file's units may run again, after a crash or under --repeat)
        for (const id of event.deselected ?? []) this.deselected.add(id);
        return;
      case 'worker:recycled': {
        const worker = this.workers.get(event.slot);
        if (worker) worker.recycled += 1;
        return;
      }
      case 'unit:start':
        this.running.set(event.slot, { worker: event.slot, file: event.file, startMs: event.atMs, endMs: event.atMs });
        return;
      case 'output':
        return this.output.add(event);
      case 'test:start':
      case 'worker:lost':
        return;
    }
  }

  report(): RunReport {
    if (!this.start) throw new Error('aggregate: no run:start event');
    const tests = [...this.tests.values()].sort((a, b) => a.id.localeCompare(b.id)).map((t) => {
      const output = this.output.of(t.id);
      return output ? { ...t, output } : t;
    });
    const wallMs = this.end?.wallMs ?? 0;
    return {
      runId: this.start.runId,
      startedAt: this.start.startedAt,
      wallMs,
      workers: this.start.workers,
      dist: this.start.dist,
      shard: this.start.shard ?? null,
      interrupted: this.end?.interrupted ?? false,
      stoppedBy: this.end?.stoppedBy ?? null,
      notRunFiles: this.end?.notRun.files ?? [],
      summary: summarize(tests, this.errors.length, this.deselected.size),
      tests,
      // Workers finish in any order; reports should not. Stable: a file's errors keep their order.
      errors: [...this.errors].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '')),
      workerStats: [...this.workers].sort(([a], [b]) => a - b).map(([id, w]) => ({ id, ...w, idleMs: Math.max(0, wallMs - w.busyMs) })),
      fileStats: [...this.files.values()].sort((a, b) => a.file.localeCompare(b.file)),
      timeline: [...this.timeline].sort((a, b) => a.startMs - b.startMs || a.worker - b.worker),
      balance: balanceOf(tests, this.start.workers, this.lastEndMs),
      filtered: false,
      shards: null,
      repeat: this.start.repeat ?? null,
      quarantine: null,
      snapshots: this.snapshots,
    };
  }

  private addAttempt({ test, attempt, slot, startMs }: Extract<RunEvent, { type: 'test:end' }>): void {
    const record = this.tests.get(test.id) ?? {
      id: test.id,
      file: test.file,
      name: fullName(test.titlePath),
      titlePath: test.titlePath,
      status: attempt.status,
      quarantined: this.quarantined.has(test.id),
      durationMs: 0,
      worker: slot,
      startMs,
      attempts: [],
    };
    record.attempts.push({ ...attempt, worker: slot, startMs, ...(test.repetition !== undefined ? { repetition: test.repetition } : {}) });
    record.durationMs += attempt.durationMs;
    record.worker = slot;
    record.status = overallOutcome(record.attempts);
    if (test.repetition !== undefined) record.repeat = passRateOf(record.attempts);
    const cause = overallFlakeCause(record.attempts);
    if (cause) record.flakeCause = cause;
    else delete record.flakeCause;
    this.tests.set(test.id, record);
  }

  private closeSpan(slot: number, endMs: number): void {
    const span = this.running.get(slot);
    if (!span) return;
    this.running.delete(slot);
    this.timeline.push({ ...span, endMs });
  }
}

function notRunRecord(test: TestRef, slot: number, atMs: number): TestRecord {
  const { id, file, titlePath } = test;
  return { id, file, name: fullName(titlePath), titlePath, status: 'skipped', quarantined: false, durationMs: 0, worker: slot, startMs: atMs, attempts: [], notRun: true };
}

export function summarize(tests: readonly TestRecord[], errors: number, deselected = 0): Summary {
  const summary: Summary = { total: tests.length, passed: 0, failed: 0, skipped: 0, todo: 0, flaky: 0, quarantined: 0, errors, notRun: 0, deselected };
  for (const t of tests) {
    // a partition: a quarantined test counts only as quarantined, whatever its status
    if (t.notRun) summary.notRun++;
    else if (t.quarantined) summary.quarantined++;
    else if (isFailure(t.status)) summary.failed++;
    else if (t.status === 'passed') summary.passed++;
    else if (t.status === 'skipped') summary.skipped++;
    else if (t.status === 'todo') summary.todo++;
    else if (t.status === 'flaky') summary.flaky++;
  }
  return summary;
}

/** The ideal is the test-level bound: no runner can beat the total spread evenly, nor its longest test. */
export function balanceOf(tests: readonly TestRecord[], workers: number, makespanMs: number): Balance {
  const total = tests.reduce((sum, t) => sum + t.durationMs, 0);
  const longest = tests.reduce((max, t) => Math.max(max, t.durationMs), 0);
  const idealMs = Math.max(total / Math.max(1, workers), longest);
  return { makespanMs, idealMs, ratio: idealMs > 0 ? makespanMs / idealMs : 1 };
}
