import type { RunError, RunEvent } from '../model/events.js';
import { RunAggregate } from '../report/aggregate.js';
import { mergeReports } from '../report/merge-reports.js';
import type { RunReport } from '../report/run-report.js';
import { isDrained, type BuildSnapshot } from './queue-model.js';

/**
 * The build's report from what its jobs left in Redis: the report of a single run of the suite.
 * Each job's events are replayed into its own aggregate, keeping only the units whose results the
 * queue accepted from that job (a job that lost a unit's lease ran it in vain), so every test is
 * counted once. The jobs are then merged as shards are: workers numbered on, each job's clock from 0.
 * Pure: no I/O.
 */
export function buildReport(snapshot: BuildSnapshot, runId: string, quarantined: ReadonlySet<string>): { report: RunReport; parts: RunReport[] } {
  const parts: { name: string; report: RunReport }[] = [];
  for (const [job, batches] of snapshot.batches) {
    const events = batches.filter((b) => b.root === null || snapshot.done.get(b.root) === job).flatMap((b) => b.events);
    const report = replay(events, quarantined);
    if (report) parts.push({ name: `job ${job}`, report });
  }
  const { report, parts: merged } = mergeReports(parts, runId);
  const problems = problemsOf(snapshot);
  report.errors.push(...problems.errors);
  report.notRunFiles = [...new Set([...report.notRunFiles, ...problems.notRunFiles])].sort();
  report.summary = { ...report.summary, errors: report.errors.length };
  return { report, parts: merged };
}

/** A job's events as its report; a job that died never sent run:end, so its last event ends it. */
function replay(events: readonly RunEvent[], quarantined: ReadonlySet<string>): RunReport | null {
  if (!events.some((e) => e.type === 'run:start')) return null;
  const aggregate = new RunAggregate(quarantined);
  for (const event of events) aggregate.onEvent(event);
  if (!events.some((e) => e.type === 'run:end')) {
    const lastMs = Math.max(0, ...events.map((e) => ('atMs' in e ? e.atMs : 0)));
    aggregate.onEvent({ type: 'run:end', wallMs: lastMs, interrupted: false, stoppedBy: null, notRun: { tests: [], files: [] } });
  }
  return aggregate.report();
}

/** what the queue itself says went wrong: units given up on, and units never finished */
function problemsOf(snapshot: BuildSnapshot): { errors: RunError[]; notRunFiles: string[] } {
  const errors: RunError[] = [];
  const notRunFiles: string[] = [];
  for (const [id, job] of snapshot.dead) {
    const file = snapshot.units.get(id)?.file ?? id;
    errors.push({ file, kind: 'crash', message: `${describe(id, file)}: every job that took it stopped before finishing it (the last: ${job || 'unknown'}); given up after the second` });
    notRunFiles.push(file);
  }
  if (snapshot.meta === null) {
    errors.push({ file: null, kind: 'queue', message: 'the build has no plan in the queue: no job published one' });
  } else if (!isDrained(snapshot)) {
    const open = [...snapshot.units.keys()].filter((id) => !snapshot.done.has(id) && !snapshot.dead.has(id));
    errors.push({ file: null, kind: 'queue', message: `the queue did not drain: ${open.length} unit(s) were not finished (${snapshot.waiting} waiting, ${snapshot.leased} held by a job)` });
    notRunFiles.push(...open.map((id) => snapshot.units.get(id)?.file ?? id));
  }
  return { errors, notRunFiles };
}

function describe(id: string, file: string): string {
  return id === file ? file : `${file} (${id})`;
}
