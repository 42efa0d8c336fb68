import type { WorkUnit } from '../../src/model/protocol.js';
import { chooseBackups, type Pace, type TailView } from '../../src/queue/backup-policy.js';

/**
 * A --queue build in simulated time, for the backup policy: jobs of a few workers, each `slow`
 * times slower than the suite's durations, take units from one list in order (the leader's plan)
 * as their workers free up; once the list is empty, every `pollMs` a job with idle workers asks
 * chooseBackups which held units to copy. The first copy to end counts; the other copy's job
 * hears it `noticeMs` later (a heartbeat) and frees that worker. Steps of `stepMs`, no clock, no
 * Redis: what the Lua scripts do atomically happens within one step.
 */
export interface SimJob {
  id: string;
  workers: number;
  /** how many times longer than `actualMs` its units take */
  slow: number;
}

interface Copy {
  job: string;
  unit: WorkUnit;
  startMs: number;
  endMs: number;
  /** when each of its tests ends, from its start */
  testEndsMs: number[];
  backup: boolean;
  /** when its job stops it (another copy ended first) */
  stopMs?: number;
}

export interface SimResult {
  /** when the last unit was done, and every worker free */
  makespanMs: number;
  /** unit id → the job whose copy counted */
  doneBy: Map<string, string>;
  backups: { taken: number; won: number };
}

/**
 * `testsMs(unit)`: its tests' durations, after a fixed cost of `overheadMs` (an import). Holders say
 * how far they got (tests done of all) at each heartbeat: every `beatMs`, or `noticeMs` once the
 * list is empty.
 */
export function simulateQueueBuild(units: readonly WorkUnit[], jobs: readonly SimJob[], testsMs: (unit: WorkUnit) => number[], o: { backups: boolean; fromTail?: (job: string, paces: Map<string, Pace>) => boolean; pollMs?: number; beatMs?: number; noticeMs?: number; stepMs?: number; overheadMs?: number }): SimResult {
  const { pollMs = 250, beatMs = 1000, noticeMs = 100, stepMs = 5, overheadMs = 0 } = o;
  const queue = [...units];
  const running: Copy[] = [];
  const doneBy = new Map<string, string>();
  const paces = new Map<string, Pace>(jobs.map((j) => [j.id, { ranMs: 0, plannedMs: 0 }]));
  const backups = { taken: 0, won: 0 };
  const idle = (job: SimJob): number => job.workers - running.filter((c) => c.job === job.id).length;
  const start = (job: SimJob, unit: WorkUnit, t: number, backup: boolean): void => {
    let at = overheadMs * job.slow;
    const testEndsMs = testsMs(unit).map((ms) => (at += ms * job.slow));
    running.push({ job: job.id, unit, startMs: t, endMs: t + at, testEndsMs, backup });
  };
  const progressOf = (copy: Copy, t: number): { fraction: number; atElapsedMs: number } | undefined => {
    const beat = queue.length > 0 ? beatMs : noticeMs;
    const atElapsedMs = Math.floor((t - copy.startMs) / beat) * beat;
    const done = copy.testEndsMs.filter((end) => end <= atElapsedMs).length;
    return copy.testEndsMs.length > 0 ? { fraction: done / copy.testEndsMs.length, atElapsedMs } : undefined;
  };
  let t = 0;
  for (; t < 3_600_000; t += stepMs) {
    for (const copy of [...running].sort((a, b) => a.endMs - b.endMs)) {
      if (copy.stopMs !== undefined && copy.stopMs <= t && copy.stopMs < copy.endMs) running.splice(running.indexOf(copy), 1);
      else if (copy.endMs <= t) {
        running.splice(running.indexOf(copy), 1);
        if (doneBy.has(copy.unit.id)) continue;
        doneBy.set(copy.unit.id, copy.job);
        if (copy.backup) backups.won++;
        const pace = paces.get(copy.job)!;
        pace.ranMs += copy.endMs - copy.startMs;
        pace.plannedMs += copy.unit.expectedMs ?? 0;
        for (const other of running) if (other.unit.id === copy.unit.id) other.stopMs = t + noticeMs;
      }
    }
    if (doneBy.size === units.length && running.length === 0) break;
    for (const job of jobs) for (let n = idle(job); n > 0 && queue.length > 0; n--) start(job, o.fromTail?.(job.id, paces) ? queue.pop()! : queue.shift()!, t, false);
    if (!o.backups || queue.length > 0 || t % pollMs !== 0) continue;
    for (const job of jobs) {
      if (idle(job) === 0) continue;
      const copied = new Set(running.filter((c) => c.backup).map((c) => c.unit.id));
      const held = running.filter((c) => !c.backup && !copied.has(c.unit.id) && c.stopMs === undefined);
      const view: TailView = { held: held.map((c) => ({ id: c.unit.id, job: c.job, elapsedMs: t - c.startMs, expectedMs: c.unit.expectedMs ?? 0, progress: progressOf(c, t) })), paces };
      for (const id of chooseBackups(view, job.id, idle(job))) {
        start(job, held.find((c) => c.unit.id === id)!.unit, t, true);
        backups.taken++;
      }
    }
  }
  return { makespanMs: t, doneBy, backups };
}
