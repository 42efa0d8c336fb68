import { describe, expect, it } from 'vitest';
import { DurationPlanner } from '../../../src/plan/duration-planner.js';
import { Estimates } from '../../../src/plan/estimates.js';
import type { Planner, WorkUnit } from '../../../src/plan/planner.js';
import { simulate } from '../../../src/plan/simulate.js';
import { StaticPlanner } from '../../../src/plan/static-planner.js';
import { StealPlanner } from '../../../src/plan/steal-planner.js';
import { planUnits } from '../../../src/plan/work-units.js';
import { actualMs, historyOf, idealMs, seeded, type SyntheticSuite } from '../../helpers/synthetic-suite.js';

/**
 * Makespan bounds with simulated time: the suite's real durations drive the simulation, the
 * planners see only the history of an earlier run. No sleeps, fully deterministic.
 */
function skewedSuite(seed: number, files = 40): SyntheticSuite {
  const random = seeded(seed);
  const suite: SyntheticSuite = {};
  for (let f = 0; f < files; f++) {
    // heavy-tailed: most files are quick, a few take very long
    const scale = Math.exp(random() * 5) * 10;
    suite[`f${String(f).padStart(2, '0')}.test.ts`] = { overheadMs: 5, testsMs: Array.from({ length: 1 + Math.floor(random() * 20) }, () => scale * (0.5 + random())) };
  }
  return suite;
}

function run(planner: Planner, suite: SyntheticSuite, workers: number, split: boolean, noise?: (run: number, i: number) => number) {
  const estimates = new Estimates(historyOf(suite, 3, noise));
  const units = planUnits(Object.keys(suite).sort(), estimates, split ? { workers } : undefined);
  const sim = simulate(planner, units, workers, (u: WorkUnit) => actualMs(suite, u));
  return { ...sim, ratio: sim.makespanMs / idealMs(suite, workers), units };
}

describe('planners under simulated time', () => {
  it.each([1, 2, 3, 4, 5])('skewed file durations, second run, 8 workers: steal is within 1.15 of ideal (seed %i)', (seed) => {
    const suite = skewedSuite(seed);
    expect(run(new StealPlanner(), suite, 8, true).ratio).toBeLessThanOrEqual(1.15);
  });

  it('one file holding 80% of the work: steal splits it and stays within 1.3 of ideal', () => {
    const suite: SyntheticSuite = { 'big.test.ts': { overheadMs: 20, testsMs: Array.from({ length: 200 }, (_, i) => 40 + (i % 7) * 10) } };
    const bigTotal = suite['big.test.ts']!.testsMs.reduce((a, b) => a + b, 0);
    for (let f = 0; f < 30; f++) suite[`small${f}.test.ts`] = { overheadMs: 10, testsMs: [bigTotal / 4 / 30 - 10] };
    const steal = run(new StealPlanner(), suite, 8, true);
    expect(steal.units.filter((u) => u.file === 'big.test.ts').length).toBeGreaterThan(8);
    expect(steal.ratio).toBeLessThanOrEqual(1.3);
    // a file-level planner cannot go below the big file's own time
    expect(run(new DurationPlanner(), suite, 8, false).ratio).toBeGreaterThan(4);
  });

  it.each([7, 8, 9])('when the history is off by up to 40 percent, stealing repairs what a fixed plan cannot (seed %i)', (seed) => {
    const suite = skewedSuite(seed);
    // every remembered duration is 0.6x–1.4x of the truth, differently per test, file and run
    const random = seeded(seed * 31);
    const factors = Array.from({ length: 20_000 }, () => 0.6 + random() * 0.8);
    const wrong = (run: number, i: number) => factors[(run * 5000 + i) % factors.length]!;
    const steal = run(new StealPlanner(), suite, 8, true, wrong);
    const duration = run(new DurationPlanner(), suite, 8, false, wrong);
    expect(steal.ratio).toBeLessThanOrEqual(1.15);
    expect(steal.makespanMs).toBeLessThan(duration.makespanMs);
  });

  it('duration balances better than static on skewed files', () => {
    const suite = skewedSuite(3);
    expect(run(new DurationPlanner(), suite, 8, false).makespanMs).toBeLessThan(run(new StaticPlanner(), suite, 8, false).makespanMs);
  });

  it('is deterministic: the same inputs give the same schedule', () => {
    const suite = skewedSuite(11);
    const a = run(new StealPlanner(), suite, 8, true).trace.map((s) => [s.slot, s.unit.id, s.startMs]);
    const b = run(new StealPlanner(), suite, 8, true).trace.map((s) => [s.slot, s.unit.id, s.startMs]);
    expect(a).toEqual(b);
  });

  it('runs every test exactly once, split or not, on every planner', () => {
    const suite = skewedSuite(5);
    for (const [planner, split] of [[new StealPlanner(), true], [new DurationPlanner(), false], [new StaticPlanner(), false]] as const) {
      const { trace } = run(planner, suite, 8, split);
      const ran = trace.flatMap((s) => {
        const file = suite[s.unit.file]!;
        return file.testsMs
          .map((_, i) => `${s.unit.file} > t${i}`)
          .filter((id) => (!s.unit.testIds || s.unit.testIds.includes(id)) && !(s.unit.excludeTestIds ?? []).includes(id));
      });
      const all = Object.entries(suite).flatMap(([f, file]) => file.testsMs.map((_, i) => `${f} > t${i}`));
      expect(ran.sort()).toEqual(all.sort());
    }
  });

  it('survives losing a worker: its unfinished units run elsewhere', () => {
    const p = new StealPlanner();
    for (let s = 0; s < 3; s++) p.addSlot(s);
    p.add(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id, file: id, expectedMs: 10 })));
    const running = p.next(2, 0)!;
    const lost = p.removeSlot(2);
    expect(lost[0]).toEqual(running);
    p.add(lost);
    const seen: string[] = [];
    for (let slot = 0, t = 0; !p.isFinished; slot = (slot + 1) % 2, t++) {
      const u = p.next(slot, t);
      if (u) {
        seen.push(u.id);
        p.done(slot, u.id, 1);
      }
    }
    expect(seen.sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});
