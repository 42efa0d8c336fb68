import { describe, expect, it } from 'vitest';
import { emptyHistory } from '../../../src/history/history-model.js';
import { Estimates, UNKNOWN_FILE_MS } from '../../../src/plan/estimates.js';
import { planUnits } from '../../../src/plan/work-units.js';
import { historyOf, type SyntheticSuite } from '../../helpers/synthetic-suite.js';

const suite: SyntheticSuite = {
  'big.ts': { overheadMs: 10, testsMs: [100, 100, 100, 100, 100, 100, 100, 100] },
  'small.ts': { overheadMs: 10, testsMs: [20, 20] },
};

describe('Estimates', () => {
  const estimates = new Estimates(historyOf(suite, 3));

  it('estimates a known file from its recorded durations, and a chunk from its tests plus the file’s fixed cost', () => {
    expect(estimates.fileMs('big.ts')).toBe(810);
    expect(estimates.overheadMs('big.ts')).toBe(10);
    expect(estimates.chunkMs('big.ts', ['big.ts > t0', 'big.ts > t1'])).toBe(210);
  });

  it('estimates an unknown file as a typical known file, and anything with no history at all as a default', () => {
    expect(estimates.fileMs('new.ts')).toBe((810 + 50) / 2);
    expect(new Estimates(emptyHistory()).fileMs('x.ts')).toBe(UNKNOWN_FILE_MS);
  });

  it('knows which tests failed last run', () => {
    const history = historyOf(suite);
    history.tests['small.ts > t1']!.outcomes = 'pf';
    expect(new Estimates(history).failedLastRun(['small.ts > t0', 'small.ts > t1'])).toBe(true);
    expect(new Estimates(history).failedLastRun(['small.ts > t0'])).toBe(false);
  });
});

describe('planUnits', () => {
  const estimates = new Estimates(historyOf(suite));

  it('makes one unit per file with its estimate, when not splitting', () => {
    expect(planUnits(['big.ts', 'small.ts'], estimates)).toEqual([
      { id: 'big.ts', file: 'big.ts', expectedMs: 810, priority: 0 },
      { id: 'small.ts', file: 'small.ts', expectedMs: 50, priority: 0 },
    ]);
  });

  it('splits a file longer than its fair share into chunks of consecutive tests; the last takes the rest', () => {
    const units = planUnits(['big.ts', 'small.ts'], estimates, { workers: 4 });
    const big = units.filter((u) => u.file === 'big.ts');
    // share = 860 / 4 = 215 → chunks of about 107 ms of tests
    expect(big.map((u) => u.id)).toEqual(['big.ts#1/4', 'big.ts#2/4', 'big.ts#3/4', 'big.ts#4/4']);
    expect(big[0]?.testIds).toEqual(['big.ts > t0', 'big.ts > t1']);
    expect(big[3]?.testIds).toBeUndefined();
    expect(big[3]?.excludeTestIds).toEqual(['big.ts > t0', 'big.ts > t1', 'big.ts > t2', 'big.ts > t3', 'big.ts > t4', 'big.ts > t5']);
    expect(big.every((u) => u.expectedMs === 210)).toBe(true);
    expect(units.find((u) => u.file === 'small.ts')).toMatchObject({ id: 'small.ts' });
  });

  it('gives a test as long as a whole chunk a chunk of its own, instead of adding it to the chunk before', () => {
    const skewed: SyntheticSuite = { 'skew.ts': { overheadMs: 10, testsMs: [60, 40, 300, 50, 50] }, 'small.ts': suite['small.ts']! };
    const units = planUnits(['skew.ts', 'small.ts'], new Estimates(historyOf(skewed)), { workers: 2 });
    // share = (510 + 50) / 2 = 280 → chunks of about 140 ms of tests
    expect(units.filter((u) => u.file === 'skew.ts').map((u) => u.testIds ?? 'the rest')).toEqual([['skew.ts > t0', 'skew.ts > t1'], ['skew.ts > t2'], 'the rest']);
  });

  it('keeps a file whole when told to (it has a serial block), however long', () => {
    const units = planUnits(['big.ts', 'small.ts'], estimates, { workers: 4, keepWhole: (file) => file === 'big.ts' });
    expect(units.map((u) => u.id)).toEqual(['big.ts', 'small.ts']);
    expect(units[0]).not.toHaveProperty('testIds');
  });

  it('does not split a file whose tests it does not know', () => {
    const units = planUnits(['unknown.ts', 'small.ts'], new Estimates(historyOf({ 'small.ts': suite['small.ts']! })), { workers: 4 });
    expect(units.map((u) => u.id)).toEqual(['unknown.ts', 'small.ts']);
  });

  it('marks units with a test that failed last run, so they run first', () => {
    const history = historyOf(suite);
    history.tests['small.ts > t0']!.outcomes = 'f';
    expect(planUnits(['small.ts'], new Estimates(history))[0]?.priority).toBe(1);
  });
});
