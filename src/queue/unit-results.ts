import type { RunEvent } from '../model/events.js';
import type { WorkUnit } from '../model/protocol.js';
import { isFailure } from '../model/outcome.js';
import type { RemotePlanner } from '../plan/remote-planner.js';
import { describeUnit, requeueCount, requeueId, type ResultBatch } from './queue-model.js';

/** a reserved unit's results, ready to hand in, with its failures to send back to the queue */
export interface Handin {
  root: string;
  batch: ResultBatch;
  requeues: WorkUnit[];
  /** the unit as messages name it */
  name: string;
}

/**
 * One job's run events, sorted by the reserved unit (root) they belong to: the queue accepts a
 * unit's results all at once, when it and everything it left behind here are done. The job's own
 * events (run start and end, errors outside any unit) are kept apart. Also decides which final
 * failures go back to the queue (`--requeue`). Pure: the feeder does the Redis side.
 */
export class UnitResults {
  private readonly held = new Map<string, WorkUnit>();
  private readonly buffers = new Map<string, RunEvent[]>();
  private readonly requeues = new Map<string, WorkUnit[]>();
  private jobEvents: RunEvent[] = [];

  constructor(
    private readonly planner: RemotePlanner,
    /** how many times a failed test may go back to the queue */
    private readonly requeueLimit: number,
  ) {}

  /** units the job reserved: they are its until handed in or given back */
  hold(units: readonly WorkUnit[]): void {
    for (const unit of units) this.held.set(unit.id, unit);
  }

  get heldIds(): string[] {
    return [...this.held.keys()];
  }

  observe(event: RunEvent): void {
    const root = this.rootOf(event);
    if (root === null) this.jobEvents.push(event);
    else this.bufferOf(root).push(event);
    if (root !== null && event.type === 'test:end' && isFailure(event.attempt.status) && !event.retry) this.considerRequeue(root, event.test);
  }

  /**
   * The units now wholly done here, each with its events and requeues. With `giveBack` (the run is
   * stopping, and others will run them), units that "finish" were cut short: they stay held.
   */
  completed(giveBack: boolean): Handin[] {
    const roots = this.planner.takeCompleted();
    if (giveBack) return [];
    return roots.map((root) => {
      const requeues = this.requeues.get(root) ?? [];
      this.requeues.delete(root);
      const batch: ResultBatch = { root, events: this.take(root) };
      const handin = { root, batch, requeues, name: this.describe(root, batch) };
      this.held.delete(root);
      return handin;
    });
  }

  /** the job's own events since the last call */
  jobBatch(): ResultBatch | null {
    return this.jobEvents.length > 0 ? { root: null, events: this.jobEvents.splice(0) } : null;
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
      for (const [id, unit] of this.held) if (unit.file === event.error.file) return id;
    }
    return null;
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

  private describe(root: string, batch: ResultBatch): string {
    const start = batch.events.find((e) => e.type === 'unit:start');
    return describeUnit(root, this.held.get(root)?.file ?? (start?.type === 'unit:start' ? start.file : undefined));
  }
}
