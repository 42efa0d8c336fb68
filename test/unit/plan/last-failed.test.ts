import { describe, expect, it } from 'vitest';
import { emptyHistory, recordRun, type History } from '../../../src/history/history-model.js';
import { lastFailedUnits } from '../../../src/plan/last-failed.js';

/** a history in which each test's last outcome and shard are as given */
function historyOf(tests: { id: string; outcome: 'p' | 'f'; shard?: string }[], wholeFiles: { file: string; tests: string[] }[] = []): History {
  return recordRun(emptyHistory(), {
    tests: tests.map((t) => ({ id: t.id, file: t.id.split(' > ')[0]!, outcome: t.outcome, durationMs: 1, ...(t.shard ? { shard: t.shard } : {}) })),
    wholeFiles: wholeFiles.map((f) => ({ ...f, durationMs: 1 })),
  });
}
const ids = (units: { testIds?: string[] }[]) => units.flatMap((u) => u.testIds ?? []).sort();

describe('--last-failed selection', () => {
  const history = historyOf([
    { id: 'a.ts > x', outcome: 'f', shard: '1/2' },
    { id: 'a.ts > y', outcome: 'p', shard: '1/2' },
    { id: 'b.ts > x', outcome: 'f', shard: '2/2' },
    { id: 'c.ts > x', outcome: 'f' },
    { id: 'd.ts > x', outcome: 'f', shard: '1/3' },
  ]);
  const files = ['a.ts', 'b.ts', 'c.ts', 'd.ts'];

  it('without a shard: every test whose last outcome failed, one unit per file', () => {
    expect(ids(lastFailedUnits(history, files, null))).toEqual(['a.ts > x', 'b.ts > x', 'c.ts > x', 'd.ts > x']);
  });

  it('with a shard: each failure on the shard it failed on; the others dealt once between the shards', () => {
    const one = ids(lastFailedUnits(history, files, { index: 1, total: 2 }));
    const two = ids(lastFailedUnits(history, files, { index: 2, total: 2 }));
    expect(one).toContain('a.ts > x');
    expect(two).toContain('b.ts > x');
    expect([...one, ...two].sort()).toEqual(['a.ts > x', 'b.ts > x', 'c.ts > x', 'd.ts > x']);
  });

  it('leaves out tests of files that are gone, and tests their file no longer declares', () => {
    const renamed = historyOf([{ id: 'a.ts > old', outcome: 'f' }, { id: 'a.ts > kept', outcome: 'f' }], [{ file: 'a.ts', tests: ['a.ts > kept', 'a.ts > new'] }]);
    expect(ids(lastFailedUnits(renamed, ['a.ts'], null))).toEqual(['a.ts > kept']);
    expect(lastFailedUnits(history, ['a.ts'], null).map((u) => u.file)).toEqual(['a.ts']);
  });
});
