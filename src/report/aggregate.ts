import type { RunError, RunEvent } from '../model/events.js';
import { isFailure, outcomeOf } from '../model/outcome.js';
import { fullName } from '../model/test-id.js';
import type { RunReport, Summary, TestRecord, WorkerStat } from './run-report.js';

/**
 * Folds the run's event stream into the RunReport. Fed the same events as the reporters, it never
 * looks at workers or the planner, so a report can be rebuilt from a recorded event log.
 */
export class RunAggregate {
  private readonly tests = new Map<string, TestRecord>();
  private readonly errors: RunError[] = [];
  private readonly workerStats = new Map<number, WorkerStat>();
  private start: Extract<RunEvent, { type: 'run:start' }> | undefined;
  private end: Extract<RunEvent, { type: 'run:end' }> | undefined;

  onEvent(event: RunEvent): void {
    switch (event.type) {
      case 'run:start':
        this.start = event;
        for (let id = 0; id < event.workers; id++) this.workerStats.set(id, { id, busyMs: 0, tasks: 0 });
        return;
      case 'test:end': {
        const { test, attempt, slot, startMs } = event;
        const record = this.tests.get(test.id) ?? {
          id: test.id,
          file: test.file,
          name: fullName(test.titlePath),
          titlePath: test.titlePath,
          status: attempt.status,
          quarantined: false,
          durationMs: 0,
          worker: slot,
          startMs,
          attempts: [],
        };
        record.attempts.push(attempt);
        record.durationMs += attempt.durationMs;
        record.worker = slot;
        record.status = outcomeOf(record.attempts);
        this.tests.set(test.id, record);
        return;
      }
      case 'unit:end': {
        const stat = this.workerStats.get(event.slot) ?? { id: event.slot, busyMs: 0, tasks: 0 };
        stat.busyMs += event.busyMs;
        stat.tasks += 1;
        this.workerStats.set(event.slot, stat);
        return;
      }
      case 'error':
        this.errors.push(event.error);
        return;
      case 'run:end':
        this.end = event;
        return;
      case 'unit:start':
      case 'file:collected':
      case 'test:start':
      case 'worker:lost':
        return;
    }
  }

  report(): RunReport {
    if (!this.start) throw new Error('aggregate: no run:start event');
    const tests = [...this.tests.values()].sort((a, b) => a.id.localeCompare(b.id));
    return {
      runId: this.start.runId,
      startedAt: this.start.startedAt,
      wallMs: this.end?.wallMs ?? 0,
      workers: this.start.workers,
      dist: this.start.dist,
      shard: null,
      interrupted: this.end?.interrupted ?? false,
      summary: summarize(tests, this.errors.length),
      tests,
      // Workers finish in any order; reports should not. Stable: a file's errors keep their order.
      errors: [...this.errors].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '')),
      workerStats: [...this.workerStats.values()].sort((a, b) => a.id - b.id),
    };
  }
}

export function summarize(tests: readonly TestRecord[], errors: number): Summary {
  const summary: Summary = { total: tests.length, passed: 0, failed: 0, skipped: 0, todo: 0, flaky: 0, quarantined: 0, errors };
  for (const t of tests) {
    if (t.quarantined) summary.quarantined++;
    if (isFailure(t.status)) summary.failed++;
    else if (t.status === 'passed') summary.passed++;
    else if (t.status === 'skipped') summary.skipped++;
    else if (t.status === 'todo') summary.todo++;
    else if (t.status === 'flaky') summary.flaky++;
  }
  return summary;
}
