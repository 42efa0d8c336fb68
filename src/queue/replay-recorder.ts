import type { RunEvent } from '../model/events.js';
import type { RedisQueue } from './redis-queue.js';

/**
 * A job that the CI retries after its build has finished re-runs the units it reserved the first
 * time (as ci-queue's retry does), outside the queue. Its events are handed in as one replay batch
 * at the end; the build's report adds them after everything else, so a failure that now passes
 * makes its test flaky.
 */
export class ReplayRecorder {
  private readonly events: RunEvent[] = [];

  constructor(
    private readonly queue: RedisQueue,
    private readonly o: { redacted: string; warn: (line: string) => void; local: (event: RunEvent) => void },
  ) {}

  start(): void {}

  stop(): void {}

  observe(event: RunEvent): void {
    this.events.push(event);
    this.o.local(event);
  }

  async finish(): Promise<void> {
    try {
      await this.queue.record({ root: null, replay: true, events: this.events });
      await this.queue.finishJob();
    } catch (error) {
      this.o.warn(`ptest: could not hand this replay's results to the queue at ${this.o.redacted} (${this.queue.scrub(error)}): they are in this job's own reports only`);
    }
  }
}
