import { describe, expect, it } from 'vitest';
import { chooseBackups, heartbeatEveryMs, holderRemainingMs, MARGIN, MIN_GAIN_MS, OVERDUE, parseTailView, type HeldUnit, type Pace, type TailView } from '../../../src/queue/backup-policy.js';

/**
 * The backup policy, fed views of the queue as a job would get them when it finds nothing left,
 * with time advanced by hand: no clock, no Redis.
 */
const paces = (entries: Record<string, [ranMs: number, plannedMs: number]>): Map<string, Pace> => new Map(Object.entries(entries).map(([job, [ranMs, plannedMs]]) => [job, { ranMs, plannedMs }]));
const held = (id: string, job: string, elapsedMs: number, expectedMs: number, progress?: HeldUnit['progress']): HeldUnit => ({ id, job, elapsedMs, expectedMs, ...(progress ? { progress } : {}) });

/** the first time (ms, in steps of 5) at which `me` backs up the unit that `at(t)` describes */
function firstBackupMs(at: (t: number) => TailView, me: string, untilMs = 20_000): number | undefined {
  for (let t = 0; t <= untilMs; t += 5) if (chooseBackups(at(t), me, 1).length > 0) return t;
  return undefined;
}

describe('chooseBackups: which held units an idle job copies, and when', () => {
  it('backs up a unit of a job known to run 3x slower at once: a fresh copy here ends well before it', () => {
    const known = paces({ slow: [3000, 1000], fast: [1100, 1000] });
    const view = (t: number): TailView => ({ held: [held('big', 'slow', t, 1000)], paces: known });
    expect(firstBackupMs(view, 'fast')).toBe(0);
    // ...until so much of it is done that a copy here (1.1 s at this job's pace, and the margin) is no faster
    const lastWorthMs = 3000 - 1100 * (1 + MARGIN) - MIN_GAIN_MS;
    expect(chooseBackups(view(lastWorthMs - 5), 'fast', 1)).toEqual(['big']);
    expect(chooseBackups(view(lastWorthMs + 5), 'fast', 1)).toEqual([]);
  });

  it('leaves a unit running at the build\'s pace alone until it is overdue, then backs it up once a fresh copy would end clearly sooner', () => {
    const known = paces({ a: [1000, 1000], b: [1000, 1000] });
    const view = (t: number): TailView => ({ held: [held('u', 'a', t, 1000)], paces: known });
    // past its 1 s it is taken to need half its elapsed time again: 0.5 t > 1 s · (1 + margin) + the minimum gain
    const threshold = (1000 * (1 + MARGIN) + MIN_GAIN_MS) / (OVERDUE - 1);
    const first = firstBackupMs(view, 'b')!;
    expect(first).toBeGreaterThan(threshold);
    expect(first).toBeLessThanOrEqual(threshold + 5);
  });

  it('reads how far the holder got: 1 test of 5 in 900 ms means about 3.6 s to go, so it backs up a unit estimated at 1 s', () => {
    const known = paces({ fast: [1000, 1000] });
    const unit = held('u', 'slow', 1000, 1000, { fraction: 0.2, atElapsedMs: 900 });
    expect(holderRemainingMs(unit, 1)).toBe(3500);
    expect(chooseBackups({ held: [unit], paces: known }, 'fast', 1)).toEqual(['u']);
    // with 4 of 5 done in the same time, it is nearly through: no copy
    expect(chooseBackups({ held: [{ ...unit, progress: { fraction: 0.8, atElapsedMs: 900 } }], paces: known }, 'fast', 1)).toEqual([]);
  });

  it('a slow job does not back up a fast job\'s units: a copy at its own pace would not end sooner', () => {
    const known = paces({ slow: [3000, 1000], fast: [1000, 1000] });
    for (const t of [0, 500, 1000, 2000]) expect(chooseBackups({ held: [held('u', 'fast', t, 1000)], paces: known }, 'slow', 2)).toEqual([]);
  });

  it("never backs up this job's own units, requeued failures, or units with no estimate", () => {
    const known = paces({ slow: [9000, 1000], me: [1000, 1000] });
    const view: TailView = { held: [held('mine', 'me', 5000, 1000), held('a.test.ts > t ~requeue1', 'slow', 5000, 1000), held('unknown', 'slow', 5000, 0)], paces: known };
    expect(chooseBackups(view, 'me', 3)).toEqual([]);
  });

  it('takes the units with the most to gain first, at most one per idle worker', () => {
    const known = paces({ slow: [3000, 1000], me: [1000, 1000] });
    const view: TailView = { held: [held('small', 'slow', 0, 500), held('large', 'slow', 0, 2000), held('mid', 'slow', 0, 1000)], paces: known };
    expect(chooseBackups(view, 'me', 2)).toEqual(['large', 'mid']);
    expect(chooseBackups(view, 'me', 0)).toEqual([]);
  });

  it("judges a job against the others: before any unit is done, a holder is expected at the build's typical pace", () => {
    // everyone else runs at 2x the estimates (a loaded machine): a fresh copy here takes 2 s, the holder 2 s
    const known = paces({ me: [2000, 1000], other: [2000, 1000] });
    expect(chooseBackups({ held: [held('u', 'new', 100, 1000)], paces: known }, 'me', 1)).toEqual([]);
  });
});

describe('heartbeatEveryMs', () => {
  it('beats about once a second in the bulk of a build, ten times a second once the queue is dry, and at least three times a lease', () => {
    expect(heartbeatEveryMs(30_000, false)).toBe(1000);
    expect(heartbeatEveryMs(30_000, true)).toBe(100);
    expect(heartbeatEveryMs(600, false)).toBe(200);
    expect(heartbeatEveryMs(30, true)).toBe(50);
  });
});

describe("parseTailView: RESERVE's view as Lua's JSON writes it", () => {
  it('reads held units with and without progress, and paces of job ids that hold colons', () => {
    const view = parseTailView(JSON.stringify({ held: [['u1', 'job:1', 1200, 900, 0.25, 1000], ['u2', 'b', 50, 100]], pace: ['ran:job:1', '3000', 'planned:job:1', '1000', 'ran:b', '10'] }));
    expect(view.held).toEqual([held('u1', 'job:1', 1200, 900, { fraction: 0.25, atElapsedMs: 1000 }), held('u2', 'b', 50, 100)]);
    expect(view.paces).toEqual(paces({ 'job:1': [3000, 1000], b: [10, 0] }));
  });

  it('reads empty lists, which Lua writes as {}', () => {
    expect(parseTailView(JSON.stringify({ held: {}, pace: {} }))).toEqual({ held: [], paces: new Map() });
  });
});
