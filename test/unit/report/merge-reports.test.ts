import { describe, expect, it } from 'vitest';
import { mergeReports, type Blob } from '../../../src/report/merge-reports.js';
import type { TestRecord } from '../../../src/report/run-report.js';
import { placed, reportOf } from '../../helpers/report-fixture.js';

const test = (id: string, worker = 0): TestRecord => ({
  id, file: id.split(' > ')[0]!, name: id, titlePath: [id], status: 'passed', quarantined: false, durationMs: 10, worker, startMs: 0, attempts: placed([{ status: 'passed', durationMs: 10 }], worker),
});
function shard(index: number, total: number, ids: string[], extra: { planId?: string; wallMs?: number } = {}): Blob {
  const report = reportOf(ids.map((id, i) => test(id, i % 2)), {
    wallMs: extra.wallMs ?? 100,
    shard: { index, total, planId: extra.planId ?? 'p1' },
    workerStats: [0, 1].map((id) => ({ id, busyMs: 10, idleMs: 0, tasks: 1, recycled: 0 })),
    timeline: [{ worker: 1, file: 'f', startMs: 0, endMs: 50 }],
  });
  return { name: `ptest-blob-${index}-of-${total}.json`, report };
}
const messages = (blobs: Blob[]) => mergeReports(blobs, 'm').report.errors.map((e) => e.message);

describe('mergeReports', () => {
  it('makes one run: every test, workers numbered on across shards, the slowest shard\'s wall time', () => {
    const merged = mergeReports([shard(2, 2, ['b > 1', 'b > 2'], { wallMs: 300 }), shard(1, 2, ['a > 1'])], 'm').report;
    expect(merged.tests.map((t) => [t.id, t.worker])).toEqual([['a > 1', 0], ['b > 1', 2], ['b > 2', 3]]);
    expect(merged.tests[2]!.attempts[0]!.worker).toBe(3);
    expect(merged.workerStats.map((w) => [w.id, w.shard])).toEqual([[0, 1], [1, 1], [2, 2], [3, 2]]);
    expect(merged.timeline.map((u) => [u.worker, u.shard])).toEqual([[1, 1], [3, 2]]);
    expect(merged).toMatchObject({ workers: 4, wallMs: 300, shard: null, errors: [] });
    expect(merged.shards?.map((s) => [s.index, s.wallMs, s.tests])).toEqual([[1, 100, 1], [2, 300, 2]]);
  });

  it("adds up the shards' snapshot totals", () => {
    const [one, two] = [shard(1, 2, ['a > 1']), shard(2, 2, ['b > 1'])];
    one.report.snapshots = { added: 0, updated: 1, matched: 2, unmatched: 0, obsolete: 1, removed: 0, obsoleteFiles: ['a'] };
    two.report.snapshots = { added: 1, updated: 0, matched: 5, unmatched: 1, obsolete: 2, removed: 0, obsoleteFiles: ['b'] };
    expect(mergeReports([two, one], 'm').report.snapshots).toEqual({ added: 1, updated: 1, matched: 7, unmatched: 1, obsolete: 3, removed: 0, obsoleteFiles: ['a', 'b'] });
  });

  it("adds up what --grep deselected in each shard (a blob from an older ptest has no count)", () => {
    const [one, two, old] = [shard(1, 3, ['a > 1']), shard(2, 3, ['b > 1']), shard(3, 3, ['c > 1'])];
    one.report.summary.deselected = 4;
    two.report.summary.deselected = 3;
    delete (old.report.summary as { deselected?: number }).deselected;
    expect(mergeReports([one, two, old], 'm').report.summary.deselected).toBe(7);
  });

  it('names a missing shard, a shard twice, and shards planned from different inputs', () => {
    expect(messages([shard(1, 3, ['a > 1']), shard(3, 3, ['c > 1'])])).toEqual(['shard 2/3 is missing: its tests are not in this report']);
    const twice = { ...shard(1, 2, ['a > 1']), name: 'again.json' };
    const withTwin = mergeReports([twice, shard(1, 2, ['a > 1']), shard(2, 2, ['b > 1'])], 'm');
    expect(withTwin.report.errors.map((e) => e.message)).toEqual(['shard 1/2 was reported twice (ptest-blob-1-of-2.json and again.json); again.json is ignored']);
    // the history learns from each shard once
    expect(withTwin.parts.map((p) => p.shard?.index)).toEqual([1, 2]);
    expect(messages([shard(1, 2, ['a > 1']), shard(2, 2, ['b > 1'], { planId: 'p2' })])[0]).toMatch(/^the shards were planned from different inputs \(plan ids 1\/2 p1, 2\/2 p2\)/);
  });

  it('is filtered when any shard ran a chosen subset, so the quarantine does not call the rest gone', () => {
    const narrowed = shard(2, 2, ['b > 1']);
    expect(mergeReports([shard(1, 2, ['a > 1']), narrowed], 'm').report.filtered).toBe(false);
    narrowed.report.filtered = true;
    expect(mergeReports([shard(1, 2, ['a > 1']), narrowed], 'm').report.filtered).toBe(true);
  });

  it('keeps a test reported by two shards once, and says so', () => {
    const { report: merged } = mergeReports([shard(1, 2, ['a > 1']), shard(2, 2, ['a > 1'])], 'm');
    expect(merged.tests).toHaveLength(1);
    expect(merged.errors.map((e) => e.message)).toEqual(['a > 1 was reported by shard 1/2 and by shard 2/2; the second is ignored']);
    expect(merged.summary.errors).toBe(1);
  });
});
