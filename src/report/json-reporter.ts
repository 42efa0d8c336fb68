import { writeAtomic } from '../io/atomic-write.js';
import { stripVTControlCharacters } from 'node:util';
import type { Reporter } from './reporter.js';
import type { RunReport } from './run-report.js';
import { shardBalance } from './shard-balance.js';

/** `--reporter json:<path>`: the contract's `ptest-report/1` document. */
export const JSON_SCHEMA = 'ptest-report/1';

export class JsonReporter implements Reporter {
  constructor(private readonly path: string) {}

  async onRunEnd(report: RunReport): Promise<void> {
    await writeAtomic(this.path, JSON.stringify(toJson(report), null, 2) + '\n');
  }
}

export function toJson(report: RunReport): unknown {
  return {
    schema: JSON_SCHEMA,
    runId: report.runId,
    startedAt: report.startedAt,
    wallMs: round(report.wallMs),
    workers: report.workers,
    dist: report.dist,
    shard: report.shard,
    interrupted: report.interrupted,
    stoppedBy: report.stoppedBy,
    notRunFiles: report.notRunFiles,
    summary: report.summary,
    tests: report.tests.map((t) => ({
      id: t.id,
      file: t.file,
      name: t.name,
      status: t.status,
      quarantined: t.quarantined,
      durationMs: round(t.durationMs),
      worker: t.worker,
      startMs: round(t.startMs),
      ...(t.notRun ? { notRun: true } : {}),
      ...(t.flakeCause ? { flakeCause: t.flakeCause } : {}),
      ...(t.repeat ? { repeat: { ...t.repeat, passRate: t.repeat.runs === 0 ? null : Math.round((t.repeat.passed / t.repeat.runs) * 1000) / 1000 } } : {}),
      ...(t.flakiness ? { flakiness: { ...t.flakiness, score: Math.round(t.flakiness.score * 1000) / 1000 } } : {}),
      attempts: t.attempts.map((a) => ({
        status: a.status,
        durationMs: round(a.durationMs),
        worker: a.worker,
        startMs: round(a.startMs),
        ...(a.isolated ? { isolated: true } : {}),
        ...(a.job !== undefined ? { job: a.job } : {}),
        ...(a.repetition !== undefined ? { repetition: a.repetition } : {}),
        ...(a.error ? { error: { message: plain(a.error.message), stack: plain(a.error.stack ?? '') } } : {}),
      })),
    })),
    errors: report.errors.map((e) => ({ file: e.file, kind: e.kind, message: plain(e.message) })),
    workerStats: report.workerStats.map((w) => ({ id: w.id, ...(w.shard !== undefined ? { shard: w.shard } : {}), ...(w.job !== undefined ? { job: w.job } : {}), busyMs: round(w.busyMs), tasks: w.tasks, idleMs: round(w.idleMs), recycled: w.recycled })),
    timeline: report.timeline.map((u) => ({ ...u, startMs: round(u.startMs), endMs: round(u.endMs) })),
    balance: { makespanMs: round(report.balance.makespanMs), idealMs: round(report.balance.idealMs), ratio: Math.round(report.balance.ratio * 1000) / 1000 },
    filtered: report.filtered,
    shards: report.shards,
    shardBalance: shardBalance(report.shards),
    repeat: report.repeat,
    quarantine: report.quarantine,
    snapshots: report.snapshots,
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Reports are read by tools, not terminals: no colour codes. */
function plain(text: string): string {
  return stripVTControlCharacters(text);
}
