import type { TestRef } from '../model/events.js';
import { isFailure } from '../model/outcome.js';
import type { WorkUnit } from '../model/protocol.js';
import type { AttemptStatus } from '../model/results.js';
import type { RerunSettings } from '../model/reruns.js';

/**
 * The coordinator's half of `--reruns` (model/reruns.ts has the whole rule). Fed every attempt that
 * ends, it counts each test's attempts and says which failures the coordinator retries itself in a
 * unit of their own: those the worker did not retry in place (its thread died, a beforeAll failed)
 * and, with `isolated`, the last retry, which runs alone in a fresh thread. Pure: no I/O, no timers.
 */
export class RerunPolicy {
  private readonly attempts = new Map<string, number>();
  /** retries decided during a slot's current unit, to queue on that slot once the unit ends */
  private readonly pending = new Map<number, WorkUnit[]>();

  constructor(private readonly reruns: RerunSettings) {}

  /**
   * An attempt of `test` ended on `slot`; `retryInPlace`: the worker is already trying it again;
   * `final`: no retry could help. Returns the unit that retries it, if the coordinator will.
   */
  onAttemptEnd(slot: number, test: TestRef, status: AttemptStatus, o: { retryInPlace: boolean; final: boolean }): WorkUnit | undefined {
    const done = (this.attempts.get(keyOf(test)) ?? 0) + 1;
    this.attempts.set(keyOf(test), done);
    if (o.retryInPlace || o.final || !isFailure(status) || done > this.reruns.count) return undefined;
    return this.hold(slot, this.unitFor(test, done));
  }

  /** The worker promised a retry in place, then died before it: the coordinator makes it instead. */
  resume(slot: number, test: TestRef): WorkUnit | undefined {
    const done = this.attempts.get(keyOf(test)) ?? 0;
    return done > this.reruns.count ? undefined : this.hold(slot, this.unitFor(test, done));
  }

  /** the retries the slot's unit left, merged, to queue now that it has ended */
  take(slot: number): WorkUnit[] {
    const units = this.pending.get(slot) ?? [];
    this.pending.delete(slot);
    return mergeRetries(units);
  }

  private hold(slot: number, unit: WorkUnit): WorkUnit {
    this.pending.set(slot, [...(this.pending.get(slot) ?? []), unit]);
    return unit;
  }

  private unitFor(test: TestRef, done: number): WorkUnit {
    const isolated = this.reruns.isolated && done === this.reruns.count;
    return {
      id: `${keyOf(test)} #${done}`,
      file: test.file,
      testIds: [test.id],
      firstAttempt: done,
      ...(isolated ? { isolated: true } : {}),
      ...(test.repetition !== undefined ? { repetition: test.repetition } : {}),
    };
  }
}

/** a test's attempts are counted per repetition: each repetition gets its own reruns */
function keyOf(test: TestRef): string {
  return test.repetition === undefined ? test.id : `${test.id} ~${test.repetition + 1}`;
}

/**
 * One unit per file and attempt for the retries a unit left (every test under a failed beforeAll
 * would otherwise import the file once each); an isolated retry stays alone, as it must.
 */
export function mergeRetries(units: readonly WorkUnit[]): WorkUnit[] {
  const merged = new Map<string, WorkUnit>();
  for (const unit of units) {
    const key = unit.isolated ? unit.id : `${unit.file}\0${unit.firstAttempt ?? 0}\0${unit.repetition ?? 0}`;
    const into = merged.get(key);
    if (into) into.testIds = [...(into.testIds ?? []), ...(unit.testIds ?? [])];
    else merged.set(key, { ...unit, testIds: [...(unit.testIds ?? [])] });
  }
  return [...merged.values()];
}
