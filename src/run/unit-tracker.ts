import type { RunEvent, TestRef } from '../model/events.js';
import type { WorkerMessage, WorkUnit } from '../model/protocol.js';
import type { AttemptStatus } from '../model/results.js';
import { testsOf, type TestNode } from '../model/task-tree.js';
import type { Phase } from './watchdog.js';

/**
 * Follows one unit on one slot: turns its worker messages into run events, and remembers enough
 * (the collected tests, which finished, which is running) to settle the unit if its thread dies.
 */
export interface AbnormalEnd {
  status: Extract<AttemptStatus, 'timedOut' | 'crashed'>;
  message: string;
  /** what was running, as the watchdog saw it */
  phase: Phase | undefined;
}

export class UnitTracker {
  private readonly tests = new Map<string, TestNode>();
  private readonly finished = new Set<string>();
  private collected = false;
  private running: { ref: TestRef; startMs: number } | undefined;
  /** tests whose last attempt failed with a retry promised in place, not yet started again */
  private readonly awaiting = new Set<string>();

  constructor(
    private readonly slot: number,
    private readonly unit: WorkUnit,
    private readonly now: () => number,
    private readonly emit: (event: RunEvent) => void,
  ) {}

  onMessage(message: WorkerMessage): void {
    const { slot } = this;
    switch (message.type) {
      case 'file:collected':
        this.collected = true;
        for (const test of testsOf(message.tree)) this.tests.set(test.id, test);
        return this.emit({ type: 'file:collected', slot, tree: message.tree, ...(message.deselected ? { deselected: message.deselected } : {}) });
      case 'test:start': {
        this.awaiting.delete(message.id);
        const ref = this.ref(message.id);
        this.running = { ref, startMs: this.now() };
        return this.emit({ type: 'test:start', slot, test: ref, atMs: this.running.startMs });
      }
      case 'test:end': {
        const startMs = this.running?.ref.id === message.id ? this.running.startMs : this.now();
        this.running = undefined;
        this.finished.add(message.id);
        if (message.retry) this.awaiting.add(message.id);
        const retry = message.retry ? { retry: true as const } : {};
        return this.emit({ type: 'test:end', slot, test: this.ref(message.id), attempt: message.attempt, startMs, ...retry });
      }
      case 'file:error': {
        const error = { file: message.file ?? this.unit.file, kind: message.kind, message: message.message };
        return this.emit({ type: 'error', error: message.stack ? { ...error, stack: message.stack } : error });
      }
      case 'snapshots':
        return this.emit({ type: 'snapshots', slot: this.slot, file: this.unit.file, tally: message.tally });
      case 'output': {
        const test = message.testId === undefined ? {} : { test: this.ref(message.testId) };
        return this.emit({ type: 'output', slot, file: this.unit.file, ...test, stream: message.stream, text: message.text });
      }
      case 'unit:started':
      case 'file:importing':
      case 'hook:start':
      case 'hook:end':
      case 'unit:end':
        return;
    }
  }

  /**
   * The thread died or was killed mid-unit. Blames what was running, and returns the tests that
   * never ran so the dispatcher can queue them again (each such retry is smaller by at least the
   * blamed test, so a file cannot bring down workers forever).
   */
  settleAbnormalEnd(end: AbnormalEnd): WorkUnit | undefined {
    const file = this.unit.file;
    const kind = end.status === 'timedOut' ? 'timeout' : 'crash';
    if (this.running) {
      const { ref, startMs } = this.running;
      this.running = undefined;
      this.finished.add(ref.id);
      const attempt = { status: end.status, durationMs: this.now() - startMs, error: { message: end.message } };
      this.emit({ type: 'test:end', slot: this.slot, test: ref, attempt, startMs });
    } else if (!this.collected) {
      this.emit({ type: 'error', error: { file, kind, message: `while importing: ${end.message}` } });
      return undefined;
    } else {
      const hook = end.phase?.kind === 'hook' ? end.phase : undefined;
      const where = hook ? `in a ${hook.hook} hook${hook.suite.length > 0 ? ` of "${hook.suite.join(' > ')}"` : ''}` : 'outside any test';
      this.emit({ type: 'error', error: { file, kind, message: `${where}: ${end.message}` } });
      // A hook that hung or crashed would do it again: the tests under it fail here rather than run
      // again, the file's other tests are queued again. Lost outside any hook: queue again only if
      // the unit got somewhere, or the same death could repeat forever.
      const madeProgress = this.finished.size > 0;
      const doomed = this.unfinished().filter((id) => (hook ? isUnder(this.tests.get(id)?.titlePath ?? [], hook.suite) : !madeProgress));
      for (const id of doomed) this.failNotRun(id, `not run: the worker ${end.status === 'timedOut' ? 'timed out' : 'crashed'} ${where}`);
    }
    return this.part('rest', this.unfinished());
  }

  /**
   * The process died under several units at once, so this unit may be a victim rather than the
   * cause. Blames nothing: the test it was running (else the next it would have run, which repeats
   * whatever import or hook was under way) is the suspect, to be run again alone; the rest waits.
   */
  splitForIsolation(): { suspect?: WorkUnit; rest?: WorkUnit } {
    if (!this.collected) return { suspect: { ...this.unit, id: `${this.unit.id}+suspect` } };
    const left = this.unfinished();
    const suspectId = this.running?.ref.id ?? left[0];
    this.running = undefined;
    if (suspectId === undefined) return {};
    const suspect = this.part('suspect', [suspectId]);
    const rest = this.part('rest', left.filter((id) => id !== suspectId));
    return { ...(suspect ? { suspect } : {}), ...(rest ? { rest } : {}) };
  }

  /** a unit of some of this unit's tests, with their share of its estimate (never free work) */
  private part(name: string, ids: string[]): WorkUnit | undefined {
    if (ids.length === 0) return undefined;
    const part: WorkUnit = { id: `${this.unit.id}+${name}`, file: this.unit.file, testIds: ids, priority: this.unit.priority ?? 0 };
    // a part of a retry is still that retry: same attempt index, same isolation
    if (this.unit.firstAttempt !== undefined) part.firstAttempt = this.unit.firstAttempt;
    if (this.unit.isolated) part.isolated = true;
    if (this.unit.repetition !== undefined) part.repetition = this.unit.repetition;
    if (this.unit.expectedMs !== undefined) part.expectedMs = (this.unit.expectedMs * ids.length) / Math.max(1, this.tests.size);
    return part;
  }

  /** tests the thread promised to retry in place but died before starting again */
  awaitingRetry(): TestRef[] {
    return [...this.awaiting].map((id) => this.ref(id));
  }

  /** the collected tests that did not finish, or null if the unit never got as far as collecting */
  unfinishedRefs(): TestRef[] | null {
    return this.collected ? this.unfinished().map((id) => this.ref(id)) : null;
  }

  private unfinished(): string[] {
    return [...this.tests.keys()].filter((id) => !this.finished.has(id));
  }

  private failNotRun(id: string, message: string): void {
    this.finished.add(id);
    const attempt = { status: 'failed' as const, durationMs: 0, error: { message } };
    this.emit({ type: 'test:end', slot: this.slot, test: this.ref(id), attempt, startMs: this.now(), final: true });
  }

  private ref(id: string): TestRef {
    const node = this.tests.get(id);
    const ref: TestRef = { id, file: this.unit.file, titlePath: node?.titlePath ?? [id] };
    if (this.unit.repetition !== undefined) ref.repetition = this.unit.repetition;
    return ref;
  }
}

/** is a test with this title path inside the describe at `suite`? */
function isUnder(titlePath: readonly string[], suite: readonly string[]): boolean {
  return suite.every((name, i) => titlePath[i] === name) && titlePath.length > suite.length;
}
