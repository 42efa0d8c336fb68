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

  constructor(private readonly reruns: RerunSettings) {}

  /**
   * An attempt of `test` ended; `retryInPlace`: the worker is already trying it again. Returns the
   * unit that retries it, if the coordinator should.
   */
  onAttemptEnd(test: TestRef, status: AttemptStatus, retryInPlace: boolean): WorkUnit | undefined {
    const done = (this.attempts.get(test.id) ?? 0) + 1;
    this.attempts.set(test.id, done);
    if (retryInPlace || !isFailure(status) || done > this.reruns.count) return undefined;
    const isolated = this.reruns.isolated && done === this.reruns.count;
    return {
      id: `${test.id} #${done}`,
      file: test.file,
      testIds: [test.id],
      firstAttempt: done,
      ...(isolated ? { isolated: true } : {}),
    };
  }
}
