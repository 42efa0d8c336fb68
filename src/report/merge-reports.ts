import type { RunError } from '../model/events.js';
import { balanceOf, summarize } from './aggregate.js';
import { blobName } from './blob-reporter.js';
import { addSnapshots, NO_SNAPSHOTS, type FileStat, type RunReport, type TestRecord } from './run-report.js';

/**
 * `ptest merge-reports`: the shards' reports (read from their blobs) as the one report a single run
 * would give. Workers are numbered on across shards (shard 1's first, then shard 2's...), each
 * keeping its shard, and every shard's clock starts at 0, since the machines' clocks cannot be
 * compared. What does not add up (a shard missing or twice, shards planned from different inputs,
 * a test in two shards) becomes an error of kind `shard`, so the merged run cannot pass unnoticed.
 * Pure: no I/O.
 */
export interface Blob {
  /** where it was read from, for messages */
  name: string;
  report: RunReport;
}

/** `parts`: the reports that went into it (a shard reported twice counts once), for the history */
export function mergeReports(blobs: readonly Blob[], runId: string): { report: RunReport; parts: RunReport[] } {
  const { parts, problems } = checkShards(blobs);
  const tests = new Map<string, { test: TestRecord; from: string }>();
  const files = new Map<string, FileStat>();
  const merged = { workers: 0, errors: [...problems] as RunError[], workerStats: [] as RunReport['workerStats'], timeline: [] as RunReport['timeline'], notRunFiles: [] as string[] };
  for (const { name, report } of parts) {
    const offset = merged.workers;
    const shard = report.shard?.index;
    const tag = <T extends object>(value: T): T => (shard === undefined ? value : { ...value, shard });
    for (const test of report.tests) {
      const seen = tests.get(test.id);
      if (seen) {
        merged.errors.push({ file: test.file, kind: 'shard', message: `${test.id} was reported by ${seen.from} and by ${labelOf({ name, report })}; the second is ignored` });
        continue;
      }
      const attempts = test.attempts.map((a) => ({ ...a, worker: a.worker + offset }));
      // flakiness came from each shard's own history: the merged history gives it anew
      const { flakiness: _shardsOwn, ...rest } = test;
      tests.set(test.id, { test: { ...rest, worker: test.worker + offset, attempts }, from: labelOf({ name, report }) });
    }
    for (const file of report.fileStats) {
      const into = files.get(file.file);
      files.set(file.file, into ? { file: file.file, busyMs: into.busyMs + file.busyMs, units: into.units + file.units, whole: false } : file);
    }
    merged.workerStats.push(...report.workerStats.map((w) => tag({ ...w, id: w.id + offset })));
    merged.timeline.push(...report.timeline.map((u) => tag({ ...u, worker: u.worker + offset })));
    merged.errors.push(...report.errors);
    merged.notRunFiles.push(...report.notRunFiles);
    merged.workers += report.workers;
  }
  const first = parts[0]?.report;
  const all = [...tests.values()].map((t) => t.test).sort((a, b) => a.id.localeCompare(b.id));
  const wallMs = Math.max(0, ...parts.map((p) => p.report.wallMs));
  const stopped = parts.find((p) => p.report.stoppedBy)?.report;
  const report: RunReport = {
    runId,
    startedAt: parts.map((p) => p.report.startedAt).sort()[0] ?? new Date(0).toISOString(),
    wallMs,
    workers: merged.workers,
    dist: first?.dist ?? 'steal',
    shard: null,
    interrupted: parts.some((p) => p.report.interrupted),
    stoppedBy: stopped?.stoppedBy ?? null,
    notRunFiles: [...new Set(merged.notRunFiles)].sort(),
    // the parts ran different files, so what each deselected adds up (a blob from an older ptest has no count)
    summary: summarize(all, merged.errors.length, parts.reduce((sum, p) => sum + (p.report.summary.deselected ?? 0), 0)),
    tests: all,
    errors: merged.errors,
    workerStats: merged.workerStats,
    fileStats: [...files.values()].sort((a, b) => a.file.localeCompare(b.file)),
    timeline: merged.timeline.sort((a, b) => a.startMs - b.startMs || a.worker - b.worker),
    // a blob from an older ptest has no snapshot totals
    snapshots: parts.reduce((sum, p) => addSnapshots(sum, p.report.snapshots ?? NO_SNAPSHOTS), NO_SNAPSHOTS),
    balance: balanceOf(all, merged.workers, Math.max(0, ...parts.map((p) => p.report.balance.makespanMs))),
    filtered: parts.some((p) => p.report.filtered),
    shards: parts.flatMap(({ report: r }) => (r.shard ? [{ ...r.shard, wallMs: r.wallMs, workers: r.workers, tests: r.tests.length }] : [])),
    repeat: first?.repeat ?? null,
    quarantine: null,
  };
  return { report, parts: parts.map((p) => p.report) };
}

/** the blobs in shard order, each shard once, and what is wrong with the set */
function checkShards(blobs: readonly Blob[]): { parts: Blob[]; problems: RunError[] } {
  const problems: RunError[] = [];
  const problem = (message: string) => problems.push({ file: null, kind: 'shard', message });
  const byShard = new Map<string, Blob>();
  const parts: Blob[] = [];
  // in shard order; of two blobs of one shard, the one under the name the blob reporter gives wins
  const order = (b: Blob) => [b.report.shard?.total ?? 0, b.report.shard?.index ?? 0, b.report.shard && b.name === blobName(b.report) ? 0 : 1] as const;
  const sorted = [...blobs].sort((a, b) => order(a).reduce((d, x, i) => d || x - order(b)[i]!, 0) || a.name.localeCompare(b.name));
  for (const blob of sorted) {
    const shard = blob.report.shard;
    if (!shard) {
      parts.push(blob);
      continue;
    }
    const key = `${shard.index}/${shard.total}`;
    const twin = byShard.get(key);
    if (twin) {
      problem(`shard ${key} was reported twice (${twin.name} and ${blob.name}); ${blob.name} is ignored`);
      continue;
    }
    byShard.set(key, blob);
    parts.push(blob);
  }
  const sharded = [...byShard.values()].map((b) => b.report.shard!);
  const totals = [...new Set(sharded.map((s) => s.total))];
  if (totals.length > 1) problem(`the blobs come from runs split into different numbers of shards (${totals.join(', ')}): they are not one run`);
  const total = Math.max(0, ...totals);
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !byShard.has(`${i}/${total}`));
  for (const index of missing) problem(`shard ${index}/${total} is missing: its tests are not in this report`);
  const plans = [...new Set(sharded.map((s) => s.planId))];
  if (plans.length > 1) {
    const which = sharded.map((s) => `${s.index}/${s.total} ${s.planId}`).join(', ');
    problem(`the shards were planned from different inputs (plan ids ${which}), so tests may have run twice or not at all; plan once with \`ptest plan --shards ${total} --out plan.json\` and run each shard with --plan plan.json`);
  }
  return { parts, problems };
}

function labelOf({ name, report }: Blob): string {
  return report.shard ? `shard ${report.shard.index}/${report.shard.total}` : name;
}
