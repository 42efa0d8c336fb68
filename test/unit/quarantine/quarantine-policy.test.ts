import { describe, expect, it } from 'vitest';
import { emptyHistory, type History } from '../../../src/history/history-model.js';
import { addDays, parseQuarantine, withEntries, type QuarantineEntry } from '../../../src/quarantine/quarantine-model.js';
import { autoQuarantine, prunable, reviewQuarantine } from '../../../src/quarantine/quarantine-policy.js';

const entry = (id: string, extra: Partial<QuarantineEntry> = {}): QuarantineEntry => ({ id, reason: 'r', added: '2026-01-01', ...extra });
const list = (...entries: QuarantineEntry[]) => withEntries({ schema: 'ptest-quarantine/1', tests: [] }, entries);
function history(tests: Record<string, string>): History {
  const h = emptyHistory();
  for (const [id, outcomes] of Object.entries(tests)) h.tests[id] = { file: id.split(' > ')[0]!, durations: [], outcomes };
  return h;
}
const auto = { minFlaky: 2, window: 5, expiresAfterDays: 30 };

describe('quarantine policy', () => {
  it('keeps one entry per id, sorted, the later one winning', () => {
    const q = withEntries(list(entry('b > t'), entry('a > t')), [entry('a > t', { reason: 'new' })], ['b > t']);
    expect(q.tests).toEqual([entry('a > t', { reason: 'new' })]);
  });

  it('parses what it writes and names the first bad entry', () => {
    const q = list(entry('a > t', { owner: 'o', ticket: 'T-1', expires: '2026-02-01', score: 0.5 }));
    expect(parseQuarantine(JSON.parse(JSON.stringify(q)))).toEqual(q);
    expect(parseQuarantine({ schema: 'ptest-quarantine/1', tests: [entry('a > t'), { id: 'b > t', reason: 'r', added: '2026-01-01', score: 2 }] })).toBe('tests[1]: b > t: "score" must be a number from 0 to 1');
    expect(parseQuarantine({ schema: 'other', tests: [] })).toMatch(/"schema" must be/);
  });

  it('auto-quarantines tests flaky in enough of their last runs, never one whose latest run failed', () => {
    const h = history({ 'a > flaky': 'ppkpk', 'a > once': 'pppkp', 'a > broke': 'kkkf', 'a > old': 'kk' + 'p'.repeat(5), 'a > listed': 'kkkk' });
    const added = autoQuarantine(h, list(entry('a > listed')), auto, '2026-03-01');
    expect(added.map((e) => e.id)).toEqual(['a > flaky']);
    expect(added[0]).toMatchObject({ reason: 'auto: flaky in 2 of its last 5 runs', added: '2026-03-01', expires: '2026-03-31' });
  });

  it('prunes only tests that passed cleanly (not flaky) in each of their last n runs, skips aside', () => {
    const h = history({ 'a > clean': 'fk' + 'pspp', 'a > flaky': 'ppkp', 'a > short': 'pp', 'a > edited': 'kk|ppp' });
    const q = list(entry('a > clean'), entry('a > flaky'), entry('a > short'), entry('a > edited'));
    expect(prunable(h, q, 3).sort()).toEqual(['a > clean', 'a > edited']);
  });

  it('finds expired entries, and stale ones only where it can know: the file is gone, or ran in full without the test', () => {
    const q = list(entry('a.ts > gone'), entry('a.ts > here', { expires: '2026-03-01' }), entry('b.ts > unknown'), entry('c.ts > deleted file'));
    const review = reviewQuarantine(q, { today: '2026-03-01', reported: new Set(['a.ts > here']), fullyRunFiles: new Set(['a.ts']), existingFiles: new Set(['a.ts', 'b.ts']) });
    expect(review.expired.map((e) => e.id)).toEqual(['a.ts > here']);
    expect(review.stale.map((e) => e.id)).toEqual(['a.ts > gone', 'c.ts > deleted file']);
  });

  it('counts expiry days in UTC calendar days', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
  });
});
