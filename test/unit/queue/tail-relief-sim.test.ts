import { describe, expect, it } from 'vitest';
import type { WorkUnit } from '../../../src/model/protocol.js';
import { byRunOrder } from '../../../src/plan/lpt.js';
import { simulateQueueBuild, type SimJob } from '../../helpers/queue-sim.js';
import { seeded } from '../../helpers/synthetic-suite.js';

/**
 * Tail relief over a whole --queue build in simulated time (test/helpers/queue-sim.ts): 4 jobs of
 * 2 workers, one 3x slower than the others, as in bench:queue. Deterministic: no clock, no Redis.
 */
const JOBS: SimJob[] = [{ id: 'slow', workers: 2, slow: 3 }, ...['a', 'b', 'c'].map((id) => ({ id, workers: 2, slow: 1 }))];

const unit = (id: string, tests: number[]): WorkUnit => ({ id, file: id, expectedMs: tests.reduce((a, b) => a + b, 0) });

describe('tail relief in a simulated build', () => {
  it('the slow job drew the two largest units: backups end the build far sooner, where without them the slow job sets its end', () => {
    const big = [300, 300, 300, 300, 300];
    const units = [unit('big1', big), unit('big2', big), unit('big3', big), ...Array.from({ length: 30 }, (_, i) => unit(`small${i}`, [100]))];
    const testsMs = (u: WorkUnit): number[] => (u.id.startsWith('big') ? big : [100]);
    const without = simulateQueueBuild(units, JOBS, testsMs, { backups: false });
    const withBackups = simulateQueueBuild(units, JOBS, testsMs, { backups: true });
    // the slow job runs its two units to the end: 4.5 s
    expect(without.doneBy.get('big1')).toBe('slow');
    expect(without.makespanMs).toBeGreaterThanOrEqual(4500);
    // another job copies them once it has nothing left, and its copies count
    expect(withBackups.doneBy.get('big1')).not.toBe('slow');
    expect(withBackups.doneBy.get('big2')).not.toBe('slow');
    expect(withBackups.backups).toEqual({ taken: 2, won: 2 });
    // (from when the others run dry, a fresh copy takes 1.5 s: the build ends well before the slow job's 4.5 s)
    expect(withBackups.makespanMs).toBeLessThan(without.makespanMs * 0.6);
    // every unit counts once
    expect(withBackups.doneBy.size).toBe(units.length);
  });

  it('takes no backup when every job runs at the same pace', () => {
    const random = seeded(3);
    const units = Array.from({ length: 40 }, (_, i) => unit(`u${i}`, Array.from({ length: 1 + (i % 4) }, () => 50 + Math.round(random() * 200)))).sort(byRunOrder);
    const byId = new Map(units.map((u) => [u.id, u]));
    const even = JOBS.map((job) => ({ ...job, slow: 1 }));
    const testsMs = (u: WorkUnit): number[] => [byId.get(u.id)!.expectedMs!];
    expect(simulateQueueBuild(units, even, testsMs, { backups: true }).backups.taken).toBe(0);
  });
});
