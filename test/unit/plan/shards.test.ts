import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WorkUnit } from '../../../src/model/protocol.js';
import { Estimates } from '../../../src/plan/estimates.js';
import { expectedOf } from '../../../src/plan/lpt.js';
import { planShards, scaleUnknownBySize, SHARD_SPLIT_LANES } from '../../../src/plan/shards.js';
import { planUnits } from '../../../src/plan/work-units.js';
import { historyOf, testId, type SyntheticSuite } from '../../helpers/synthetic-suite.js';

/** does this unit run this test of its file? (as the worker's selection does) */
function runs(unit: WorkUnit, file: string, id: string): boolean {
  if (unit.file !== file) return false;
  if (unit.testIds) return unit.testIds.includes(id);
  return !(unit.excludeTestIds ?? []).includes(id);
}

const suiteArb = fc
  .array(fc.record({ overheadMs: fc.integer({ min: 0, max: 50 }), testsMs: fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 25 }), known: fc.boolean(), added: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 30 })
  .map((files) => files.map((f, i) => ({ ...f, name: `src/f${i}.test.ts` })));

/** a history of the known files as they were (without the tests added since), and the suite as it is now */
function setUp(files: { name: string; overheadMs: number; testsMs: number[]; known: boolean; added: number }[]) {
  const before: SyntheticSuite = Object.fromEntries(files.filter((f) => f.known).map((f) => [f.name, { overheadMs: f.overheadMs, testsMs: f.testsMs }]));
  const now = Object.fromEntries(files.map((f) => [f.name, [...f.testsMs, ...Array<number>(f.added).fill(5)]]));
  return { estimates: new Estimates(historyOf(before, 2)), now };
}

function plan(names: string[], estimates: Estimates, total: number) {
  // a file's size on disk: anything, as long as it belongs to the file
  const sizes = new Map(names.filter((f) => !estimates.knows(f)).map((f) => [f, 100 + ((Number(/\d+/.exec(f)![0]) * 37) % 900)]));
  return planShards(scaleUnknownBySize(planUnits(names, estimates, { workers: total * SHARD_SPLIT_LANES }), sizes), total);
}

describe('shard partition', () => {
  it('runs every test of the suite in exactly one shard, for any suite, history and shard count', () => {
    fc.assert(
      fc.property(suiteArb, fc.integer({ min: 1, max: 8 }), (files, total) => {
        const { estimates, now } = setUp(files);
        const { shards } = plan(Object.keys(now), estimates, total);
        expect(shards).toHaveLength(total);
        const units = shards.flat();
        for (const [file, tests] of Object.entries(now)) {
          for (let t = 0; t < tests.length; t++) {
            expect(units.filter((u) => runs(u, file, testId(file, t)))).toHaveLength(1);
          }
          // a file with no tests yet is still run (once), so its import errors are seen
          expect(units.filter((u) => u.file === file).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is the same partition whatever order the files were found in', () => {
    fc.assert(
      fc.property(suiteArb, fc.integer({ min: 1, max: 6 }), fc.integer(), (files, total, seed) => {
        const { estimates, now } = setUp(files);
        const names = Object.keys(now);
        const shuffled = [...names].sort((a, b) => ((a.length * seed) % 7) - ((b.length * seed) % 7) || b.localeCompare(a));
        expect(plan(shuffled, estimates, total)).toEqual(plan(names, estimates, total));
      }),
      { numRuns: 100 },
    );
  });

  it('balances expected time: no shard is over the mean by more than one unit', () => {
    fc.assert(
      fc.property(suiteArb, fc.integer({ min: 1, max: 8 }), (files, total) => {
        const { estimates, now } = setUp(files);
        const { shards } = plan(Object.keys(now), estimates, total);
        const loads = shards.map((units) => units.reduce((s, u) => s + expectedOf(u), 0));
        const mean = loads.reduce((a, b) => a + b, 0) / total;
        const largest = Math.max(0, ...shards.flat().map(expectedOf));
        expect(Math.max(...loads)).toBeLessThanOrEqual(mean + largest + 1e-6);
      }),
      { numRuns: 200 },
    );
  });

});
