import { isDrained, type BuildSnapshot } from './queue-model.js';

/**
 * When a build's report stops waiting: once the build drained, or once no job has been running
 * for `idleMs` while units still wait or are held. Every job that joined then finished, stopped at
 * its restart cap, or stopped heartbeating (killed, its runner lost), and nothing will move the
 * rest before `--queue-timeout`, which is sized for a whole build. A job that joins later (a CI
 * matrix with fewer runners than jobs) starts the clock again. Pure: fed snapshots and times.
 */
export type DrainVerdict = 'drained' | 'abandoned' | 'wait';

export class DrainWatch {
  private idleSince: number | null = null;

  constructor(private readonly idleMs: number) {}

  observe(snapshot: BuildSnapshot, nowMs: number): DrainVerdict {
    if (isDrained(snapshot)) return 'drained';
    // no plan yet: no job has joined, and only --queue-timeout ends that wait
    if (snapshot.meta === null || snapshot.running > 0) {
      this.idleSince = null;
      return 'wait';
    }
    this.idleSince ??= nowMs;
    return nowMs - this.idleSince >= this.idleMs ? 'abandoned' : 'wait';
  }
}
