import { describe, expect, it } from 'vitest';
import type { WorkUnit } from '../../../src/model/protocol.js';
import { Estimates } from '../../../src/plan/estimates.js';
import { byRunOrder } from '../../../src/plan/lpt.js';
import { queuePlan } from '../../../src/plan/queue-plan.js';
import { planUnits } from '../../../src/plan/work-units.js';
import { simulateQueueBuild, type SimJob } from '../../helpers/queue-sim.js';
import { historyOf, seeded, testId, type SyntheticSuite } from '../../helpers/synthetic-suite.js';

/**
 * Tail relief over a whole --queue build in simulated time (test/helpers/queue-sim.ts): 4 jobs of
 * 2 workers, one 3x slower than the others, as in bench:queue. Deterministic: no clock, no Redis.
 */
const JOBS: SimJob[] = [{ id: 'slow', workers: 2, slow: 3 }, ...['a', 'b', 'c'].map((id) => ({ id, workers: 2, slow: 1 }))];
/** what the 4 jobs could do at best: the slow one's workers count a third each */
const idealMs = (totalMs: number): number => totalMs / (2 * 3 + 2 / 3);

function testsMsOf(suite: SyntheticSuite): (unit: WorkUnit) => number[] {
  return (unit) => {
    const include = unit.testIds ? new Set(unit.testIds) : null;
    const exclude = new Set(unit.excludeTestIds ?? []);
    return suite[unit.file]!.testsMs.filter((_, i) => (!include || include.has(testId(unit.file, i))) && !exclude.has(testId(unit.file, i)));
  };
}

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

  it.each([1, 2, 3])("the leader's plan (big files in chunks as if for 16 jobs) keeps a skewed suite within 1.15 of the ideal with one job 3x slower; chunks as for 4 jobs take over 1.5 times it (seed %i)", (seed) => {
    const random = seeded(seed);
    const suite: SyntheticSuite = {};
    for (let f = 0; f < 40; f++) {
      const scale = Math.exp(random() * 4) * 5;
      suite[`f${String(f).padStart(2, '0')}.test.ts`] = { overheadMs: 20, testsMs: Array.from({ length: 1 + Math.floor(random() * 15) }, () => Math.round(scale * (0.5 + random()))) };
    }
    const total = Object.values(suite).reduce((sum, f) => sum + f.overheadMs + f.testsMs.reduce((a, b) => a + b, 0), 0);
    const estimates = new Estimates(historyOf(suite));
    const files = Object.keys(suite).sort();
    const build = (units: WorkUnit[]) => simulateQueueBuild(units, JOBS, testsMsOf(suite), { backups: true, overheadMs: 20 });
    // the leader's plan, for jobs of 2 workers
    const plan = queuePlan(files, estimates, 2);
    const planned = build(plan);
    expect(planned.doneBy.size).toBe(plan.length);
    expect(planned.makespanMs / idealMs(total)).toBeLessThanOrEqual(1.15);
    // longest first too, but chunks as if for 4 jobs
    expect(build(planUnits(files, estimates, { workers: 2 * 4 }).sort(byRunOrder)).makespanMs / idealMs(total)).toBeGreaterThan(1.5);
  });
});
