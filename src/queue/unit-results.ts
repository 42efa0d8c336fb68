import type { NotRun, RunEvent } from '../model/events.js';
import type { WorkUnit } from '../model/protocol.js';
import { isFailure } from '../model/outcome.js';
import { testsOf } from '../model/task-tree.js';
import type { RemotePlanner } from '../plan/remote-planner.js';
import { describeUnit, requeueCount, requeueId, type ResultBatch } from './queue-model.js';

/** a reserved unit's results, ready to hand in, with its failures to send back to the queue */
export interface Handin {
  root: string;
  batch: ResultBatch;
  requeues: WorkUnit[];
  /** the unit as messages name it */
  name: string;
  /** a backup copy of a unit another job holds */
  backup: boolean;
  /** how long its units kept a worker busy here, and its estimate: the job's pace */
  ranMs: number;
  plannedMs: number;
  /** its failed tests that count towards --bail if the queue accepts them: final ones, not those retried here */
  failures: number;
}

/**
 * One job's run events, sorted by the reserved unit (root) they belong to: the queue accepts a
 * unit's results all at once, when it and everything it left behind here are done, and the job's
 * own reports take them only then (a copy that loses the race to another job's is not this job's
 * to report). The job's own events (run start and end, errors outside any unit) are kept apart.
 * Also decides which final failures go back to the queue (`--requeue`). Pure: the feeder does the
 * Redis side.
 */
export class UnitResults {
  private readonly held = new Map<string, { unit: WorkUnit; backup: boolean }>();
  /** per root: its tests collected and finished here, and its workers' busy time */
  private readonly progress = new Map<string, { tests: number; done: number; busyMs: number }>();
  private readonly buffers = new Map<string, RunEvent[]>();
  private readonly requeues = new Map<string, WorkUnit[]>();
  /** roots whose other copy was handed in first: their events are dropped */
  private readonly cancelled = new Set<string>();
  /** roots blamed here for a lost worker thread: a test or hook crashed it, or blocked it until the watchdog ended it */
  private readonly killers = new Set<string>();
  /** roots whose thread was just lost: their next event says whether they are blamed (a native crash's other victims are not) */
  private readonly justLost = new Set<string>();
  /** backup copies that lost a worker thread here, for the feeder to drop */
  private lostCopies: string[] = [];
  private jobEvents: RunEvent[] = [];

  constructor(
    private readonly planner: RemotePlanner,
    /** how many times a failed test may go back to the queue */
    private readonly requeueLimit: number,
  ) {}

  /** units the job reserved (or, `backup`, runs a copy of): they are its until handed in, given back or lost */
  hold(units: readonly WorkUnit[], backup = false): void {
    for (const unit of units) this.held.set(unit.id, { unit, backup });
  }

  /** how far the held units have got here (tests finished of those collected), for the other jobs' backup policy */
  get progressOfHeld(): Map<string, number> {
    return new Map([...this.held.keys()].map((root) => [root, fractionDone(this.progress.get(root))]));
  }

  get heldIds(): string[] {
    return [...this.held.keys()];
  }

  isBackup(root: string): boolean {
    return this.held.get(root)?.backup === true;
  }

  /** a held unit as messages name it */
  nameOf(root: string): string {
    return describeUnit(root, this.held.get(root)?.unit.file);
  }

  /** Sorts an event in. `job`: one of the job's own, which its reports may take at once. */
  observe(event: RunEvent): 'job' | 'unit' | 'dropped' {
    const root = this.rootOf(event);
    if (root === null) {
      this.jobEvents.push(event);
      return 'job';
    }
    if (this.cancelled.has(root)) return 'dropped';
    this.bufferOf(root).push(event);
    this.count(root, event);
    if (this.justLost.delete(root) && blames(event)) this.killers.add(root);
    if (event.type === 'worker:lost') this.justLost.add(root);
    if (event.type === 'worker:lost' && this.isBackup(root)) this.lostCopies.push(root);
    if (event.type === 'test:end' && isFailure(event.attempt.status) && !event.retry) this.considerRequeue(root, event.test);
    return 'unit';
  }

  /**
   * The units now wholly done here, each with its events and requeues. With `giveBack` (the run is
   * stopping, and others will run them), units that "finish" were cut short: they stay held.
   */
  completed(giveBack: boolean): Handin[] {
    const roots = this.planner.takeCompleted();
    if (giveBack) return [];
    return roots.filter((root) => !this.cancelled.has(root)).map((root) => this.handin(root));
  }

  /**
   * The held units (not backup copies: their holders run them) blamed for a lost worker thread
   * here, done or not, to hand in as they are after the run stopped at the restart cap.
   */
  killedWorkers(): Handin[] {
    return [...this.killers].filter((root) => this.held.get(root)?.backup === false).map((root) => this.handin(root));
  }

  /** the backup copies that lost a worker thread since the last call */
  takeLostCopies(): string[] {
    return this.lostCopies.splice(0);
  }

  /** Another job's copy of `root` was handed in first: this job lets go of it and of its events. */
  cancel(root: string): void {
    this.cancelled.add(root);
    this.held.delete(root);
    this.buffers.delete(root);
    this.requeues.delete(root);
    this.progress.delete(root);
    this.killers.delete(root);
  }

  /** the job's own events since the last call */
  jobBatch(): ResultBatch | null {
    return this.jobEvents.length > 0 ? { root: null, events: this.jobEvents.splice(0) } : null;
  }

  /** What was never handed in (units cut short by a stop, stray events after a unit's end): the job's own reports still take it. */
  leftovers(): RunEvent[] {
    const events = [...this.buffers.values()].flat();
    this.buffers.clear();
    return events;
  }

  /** a root's events and requeues, taken for the queue; what it collected here but never finished (it was cut short) is "not run" */
  private handin(root: string): Handin {
    const held = this.held.get(root);
    this.held.delete(root);
    this.killers.delete(root);
    const requeues = this.requeues.get(root) ?? [];
    this.requeues.delete(root);
    const events = this.take(root);
    const notRun = unfinished(events, held?.unit.repetition);
    const batch: ResultBatch = { root, events, ...(notRun.length > 0 ? { notRun } : {}) };
    const ranMs = this.progress.get(root)?.busyMs ?? 0;
    this.progress.delete(root);
    const failures = events.filter((e) => e.type === 'test:end' && isFailure(e.attempt.status) && !e.retry).length;
    return { root, batch, requeues, name: this.describe(root, batch, held?.unit), backup: held?.backup ?? false, ranMs, plannedMs: held?.unit.expectedMs ?? 0, failures };
  }

  /** A test's final failure goes back to the queue, up to --requeue times, for another job to retry. */
  private considerRequeue(root: string, test: { id: string; file: string }): void {
    const count = requeueCount(root);
    if (count >= this.requeueLimit) return;
    const units = this.requeues.get(root) ?? [];
    units.push({ id: requeueId(test.id, count + 1), file: test.file, testIds: [test.id] });
    this.requeues.set(root, units);
  }

  private rootOf(event: RunEvent): string | null {
    if ('slot' in event) return this.planner.rootOf(event.slot) ?? null;
    if (event.type === 'error' && event.error.file !== null) {
      for (const [id, { unit }] of this.held) if (unit.file === event.error.file) return id;
    }
    return null;
  }

  private count(root: string, event: RunEvent): void {
    let p = this.progress.get(root);
    if (!p) this.progress.set(root, (p = { tests: 0, done: 0, busyMs: 0 }));
    if (event.type === 'file:collected') p.tests += testsOf(event.tree).length;
    if (event.type === 'test:end' && !event.retry) p.done++;
    if (event.type === 'unit:end') p.busyMs += event.busyMs;
  }

  private bufferOf(root: string): RunEvent[] {
    let buffer = this.buffers.get(root);
    if (!buffer) this.buffers.set(root, (buffer = []));
    return buffer;
  }

  private take(root: string): RunEvent[] {
    const events = this.buffers.get(root) ?? [];
    this.buffers.delete(root);
    return events;
  }

  private describe(root: string, batch: ResultBatch, unit: WorkUnit | undefined): string {
    const start = batch.events.find((e) => e.type === 'unit:start');
    return describeUnit(root, unit?.file ?? (start?.type === 'unit:start' ? start.file : undefined));
  }
}

/** a lost thread's unit is to blame when what comes next ends a test, or reports an error, of its own making */
function blames(event: RunEvent): boolean {
  if (event.type === 'test:end') return event.attempt.status === 'crashed' || event.attempt.status === 'timedOut';
  return event.type === 'error' && (event.error.kind === 'crash' || event.error.kind === 'timeout');
}

/** the tests collected but never finished, where each was collected */
function unfinished(events: readonly RunEvent[], repetition: number | undefined): NotRun['tests'] {
  const again = repetition === undefined ? {} : { repetition };
  const ended = new Set(events.flatMap((e) => (e.type === 'test:end' ? [e.test.id] : [])));
  const left = new Map<string, NotRun['tests'][number]>();
  for (const e of events) {
    if (e.type !== 'file:collected') continue;
    for (const t of testsOf(e.tree)) if (!ended.has(t.id) && !left.has(t.id)) left.set(t.id, { slot: e.slot, test: { id: t.id, file: e.tree.file, titlePath: t.titlePath, ...again } });
  }
  return [...left.values()];
}

function fractionDone(p: { tests: number; done: number } | undefined): number {
  return p && p.tests > 0 ? Math.min(1, p.done / p.tests) : 0;
}
