import { isRequeue } from './queue-model.js';

/**
 * Tail relief. When the queue has nothing left for a job's idle workers, the build's end is set by
 * the units other jobs still hold, and a slow job (a slower machine, a noisy neighbour) holds its
 * units to the end: no lease runs out while it heartbeats. The idle job may then run a backup copy
 * of such a unit, as MapReduce and Spark do with stragglers; whichever copy is handed in first
 * counts, and the other job stops its copy. A backup costs an idle worker only, but it is worth
 * taking only when the copy here should finish clearly sooner than the holder's. Pure: fed what
 * Redis says of the held units and the jobs' paces (nothing but their own completions), it decides.
 */

/** a unit another job holds with no backup, as the queue saw it when this job found nothing left */
export interface HeldUnit {
  id: string;
  job: string;
  /** since its holder's lease began (Redis's clock) */
  elapsedMs: number;
  /** the plan's estimate; 0 when it has none */
  expectedMs: number;
  /** the share of its tests done, as its holder last said (a heartbeat), and how long it had held it then */
  progress?: { fraction: number; atElapsedMs: number };
}

/** a job's accepted units so far: their run time and their estimates, summed */
export interface Pace {
  ranMs: number;
  plannedMs: number;
}

export interface TailView {
  held: HeldUnit[];
  paces: Map<string, Pace>;
}

/**
 * A unit past the time its holder was expected to need has, at best, some way to go: it is
 * assumed to need another half of what it has taken so far (1.5 times its elapsed time in all).
 */
export const OVERDUE = 1.5;
/** the copy here must be expected to end this much sooner (a fraction of its own run time) */
export const MARGIN = 0.2;
/** and by at least this much: a few ms are not worth the CPU of a second copy */
export const MIN_GAIN_MS = 50;

/**
 * The units this job (`me`, `count` idle workers) should back up now, best first: those whose
 * holder should need clearly longer to finish than a fresh copy here. A copy here takes the
 * estimate at this job's pace (its units' run time over their estimates), or the build's typical
 * pace before it has one. Requeued failures (retries meant for particular jobs), units without an
 * estimate, and this job's own units are never backed up.
 */
export function chooseBackups(view: TailView, me: string, count: number): string[] {
  const gains: { id: string; gain: number }[] = [];
  for (const unit of view.held) {
    if (unit.job === me || unit.expectedMs <= 0 || isRequeue(unit.id)) continue;
    const typical = typicalPace(view.paces, unit.job);
    const remaining = holderRemainingMs(unit, paceOf(view.paces.get(unit.job)) ?? typical);
    const fresh = unit.expectedMs * (paceOf(view.paces.get(me)) ?? typical);
    const gain = remaining - fresh * (1 + MARGIN) - MIN_GAIN_MS;
    if (gain > 0) gains.push({ id: unit.id, gain });
  }
  return gains
    .sort((a, b) => b.gain - a.gain)
    .slice(0, Math.max(0, count))
    .map((g) => g.id);
}

/**
 * How long the holder should still need: by the unit's own rate once it has said how far it got
 * (LATE's estimate), else by the holder's pace, or the build's; and once it has run past that, by
 * the overdue rule.
 */
export function holderRemainingMs(unit: HeldUnit, holderPace: number): number {
  const { elapsedMs, progress } = unit;
  const expectedMs = progress && progress.fraction > 0 ? progress.atElapsedMs / progress.fraction : unit.expectedMs * holderPace;
  return (elapsedMs < expectedMs ? expectedMs : elapsedMs * OVERDUE) - elapsedMs;
}

function paceOf(pace: Pace | undefined): number | undefined {
  return pace && pace.plannedMs > 0 ? pace.ranMs / pace.plannedMs : undefined;
}

/** how the build runs against its estimates, leaving out the holder (whose slowness is the question); 1 before anything is known */
function typicalPace(paces: ReadonlyMap<string, Pace>, holder: string): number {
  let ranMs = 0;
  let plannedMs = 0;
  for (const [job, pace] of paces) {
    if (job === holder) continue;
    ranMs += pace.ranMs;
    plannedMs += pace.plannedMs;
  }
  return plannedMs > 0 ? ranMs / plannedMs : 1;
}

/** how often a job heartbeats in the bulk of the build: often enough to hear within a second that the queue has run dry */
export const BEAT_MS = 1000;
/** and once the queue has run dry, when another job may back up its units: a lost race is heard at once, its copy stopped */
export const TAIL_BEAT_MS = 100;

/** at least three times a lease, so one late heartbeat does not lose it (but not more than every 50 ms, whatever the lease) */
export function heartbeatEveryMs(leaseMs: number, tail: boolean): number {
  return Math.max(50, Math.min(leaseMs / 3, tail ? TAIL_BEAT_MS : BEAT_MS));
}

/** RESERVE's view of the held units (see scripts.ts); Lua's JSON writes an empty list as {} */
export function parseTailView(json: string | undefined): TailView {
  const raw = JSON.parse(json ?? '{}') as { held?: unknown; pace?: unknown };
  const held = (Array.isArray(raw.held) ? (raw.held as [string, string, number, number, number?, number?][]) : []).map(([id, job, elapsedMs, expectedMs, fraction, atElapsedMs]): HeldUnit => {
    const unit = { id, job, elapsedMs, expectedMs };
    return fraction !== undefined && atElapsedMs !== undefined && atElapsedMs >= 0 ? { ...unit, progress: { fraction, atElapsedMs } } : unit;
  });
  const paces = new Map<string, Pace>();
  const flat = Array.isArray(raw.pace) ? (raw.pace as string[]) : [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const m = /^(ran|planned):(.*)$/.exec(flat[i]!);
    if (!m) continue;
    const pace = paces.get(m[2]!) ?? { ranMs: 0, plannedMs: 0 };
    pace[m[1] === 'ran' ? 'ranMs' : 'plannedMs'] = Number(flat[i + 1]);
    paces.set(m[2]!, pace);
  }
  return { held, paces };
}
