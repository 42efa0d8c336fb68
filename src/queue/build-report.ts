import type { NotRun, RunError, RunEvent } from '../model/events.js';
import { RunAggregate } from '../report/aggregate.js';
import type { RunReport } from '../report/run-report.js';
import { describeUnit, isDrained, isRequeue, requeueCount, type BuildSnapshot, type ResultBatch } from './queue-model.js';

/**
 * The build's report from what its jobs left in Redis: the report of a single run of the suite.
 * Every job's events go through one aggregate, each job's workers numbered after the previous
 * job's, and each attempt marked with its job. Only the units whose results the queue accepted
 * from a job count (a job that lost a unit's lease ran it in vain), so each test is counted once;
 * a failed test that another job retried (`--requeue`) has both attempts, retry last, and is
 * flaky if the retry passed. Every job's clock starts at 0, since machines' clocks cannot be
 * compared. A CI retry of a job (a replay) adds its attempts after everything else. Pure: no I/O.
 */
export function buildReport(snapshot: BuildSnapshot, runId: string, quarantined: ReadonlySet<string>): { report: RunReport; parts: RunReport[] } {
  const jobs = [...snapshot.batches].map(([job, batches]) => ({ job, batches: batches.filter((b) => b.root === null || snapshot.done.get(b.root) === job) }));
  const workersOf = (batches: readonly ResultBatch[]): number => {
    const start = batches.flatMap((b) => b.events).find((e) => e.type === 'run:start');
    return start?.type === 'run:start' ? start.workers : 0;
  };
  const offsets = new Map<string, number>();
  let workers = 0;
  for (const { job, batches } of jobs) {
    offsets.set(job, workers);
    workers += workersOf(batches);
  }
  const aggregate = new RunAggregate(quarantined);
  const first = jobs.flatMap((j) => j.batches.flatMap((b) => b.events)).find((e) => e.type === 'run:start');
  aggregate.onEvent({ type: 'run:start', runId, startedAt: first?.type === 'run:start' ? first.startedAt : new Date(0).toISOString(), workers, dist: 'queue', files: snapshot.meta?.total ?? 0 });
  let wallMs = 0;
  // what a unit handed in as it is had collected but not run is the build's "not run", whether the
  // build stopped (--bail) or went on (its job stopped at the restart cap); a job's run:end is no
  // guide, since it also lists what the job gave back to the queue and another job ran
  const notRunTests: NotRun['tests'] = [];
  // the jobs' own events, what each job ran as planned, the retries of requeued failures in the
  // order they were made, and last what CI retries of jobs ran again
  const all = jobs.flatMap(({ job, batches }) => batches.map((batch) => ({ job, batch })));
  const stage = ({ batch }: { batch: ResultBatch }): number => (batch.replay ? 3 : batch.root === null ? 0 : isRequeue(batch.root) ? 2 : 1);
  const ordered = all.sort((a, b) => stage(a) - stage(b) || (stage(a) === 2 ? requeueCount(a.batch.root!) - requeueCount(b.batch.root!) : 0));
  for (const { job, batch } of ordered) {
    notRunTests.push(...(batch.notRun ?? []).map(({ slot, test }) => ({ slot: slot + (offsets.get(job) ?? 0), test })));
    for (const event of batch.events) {
      if (event.type === 'run:end') wallMs = Math.max(wallMs, event.wallMs);
      else if ('atMs' in event) wallMs = Math.max(wallMs, event.atMs);
      const moved = renumber(event, job, offsets.get(job) ?? 0);
      if (moved) aggregate.onEvent(moved);
    }
  }
  const problems = problemsOf(snapshot);
  for (const error of problems.errors) aggregate.onEvent({ type: 'error', error });
  aggregate.onEvent({ type: 'run:end', wallMs, interrupted: false, stoppedBy: snapshot.stoppedBy === null ? null : 'bail', notRun: { tests: notRunTests, files: problems.notRunFiles } });
  const report = aggregate.report();
  const jobOf = (worker: number): string | undefined => jobs.findLast(({ job }) => (offsets.get(job) ?? 0) <= worker)?.job;
  report.workerStats = report.workerStats.map((w) => {
    const job = jobOf(w.id);
    return job === undefined ? w : { ...w, job };
  });
  return { report, parts: [report] };
}

/** A job's event with its slots moved past the earlier jobs' and its attempts marked; its own run start and end are the build's. */
function renumber(event: RunEvent, job: string, offset: number): RunEvent | null {
  switch (event.type) {
    case 'run:start':
      return null;
    case 'run:end':
      // the build's own run:end comes last (what an interrupted job never ran went back to the queue)
      return null;
    case 'test:end':
      return { ...event, slot: event.slot + offset, attempt: { ...event.attempt, job } };
    default:
      return 'slot' in event ? { ...event, slot: event.slot + offset } : event;
  }
}

/** what the queue itself says went wrong: units given up on, and units never finished (or never run: a job bailed) */
function problemsOf(snapshot: BuildSnapshot): { errors: RunError[]; notRunFiles: string[] } {
  const errors: RunError[] = [];
  const notRunFiles: string[] = [];
  for (const [id, job] of snapshot.dead) {
    const file = snapshot.units.get(id)?.file ?? id;
    errors.push({ file, kind: 'crash', message: `${describeUnit(id, file)}: every job that took it stopped before finishing it (the last: ${job || 'unknown'}); given up after the second` });
    notRunFiles.push(file);
  }
  if (snapshot.meta === null) {
    errors.push({ file: null, kind: 'queue', message: 'the build has no plan in the queue: no job published one' });
  } else if (!isDrained(snapshot) || snapshot.stoppedBy !== null) {
    const open = [...snapshot.units.keys()].filter((id) => !snapshot.done.has(id) && !snapshot.dead.has(id));
    if (!isDrained(snapshot)) errors.push({ file: null, kind: 'queue', message: `the build did not finish: ${open.length} unit(s) were not finished (${snapshot.waiting} waiting, ${snapshot.leased} held by a job), ${snapshot.running} job(s) still running` });
    notRunFiles.push(...open.map((id) => snapshot.units.get(id)?.file ?? id));
  }
  return { errors, notRunFiles: [...new Set(notRunFiles)].sort() };
}
