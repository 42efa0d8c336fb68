import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DURATION_SAMPLES, emptyHistory, knownTestCount, median, OUTCOME_SAMPLES, recordRun } from '../../../src/history/history-model.js';
import { loadHistory, saveRun } from '../../../src/history/history-store.js';
import { hashFiles } from '../../../src/history/file-hashes.js';
import { flakinessOf } from '../../../src/history/flakiness.js';

const run = (id: string, durationMs: number, outcome: 'p' | 'f' | 's' = 'p') => ({ tests: [{ id, file: 'a.ts', outcome, durationMs }], wholeFiles: [] });

describe('recordRun', () => {
  it('keeps the last few duration samples and the last outcomes of each test', () => {
    let h = emptyHistory();
    for (let i = 1; i <= DURATION_SAMPLES + 2; i++) h = recordRun(h, run('t', i * 10, i % 2 ? 'p' : 'f'));
    expect(h.tests.t?.durations).toEqual([30, 40, 50, 60, 70]);
    expect(h.tests.t?.outcomes).toBe('pfpfpfp');
    for (let i = 0; i < OUTCOME_SAMPLES; i++) h = recordRun(h, run('t', 1));
    expect(h.tests.t?.outcomes).toBe('p'.repeat(OUTCOME_SAMPLES));
  });

  it('does not let a skipped test’s zero time into its durations', () => {
    const h = recordRun(recordRun(emptyHistory(), run('t', 50)), run('t', 0, 's'));
    expect(h.tests.t?.durations).toEqual([50]);
    expect(h.tests.t?.outcomes).toBe('ps');
  });

  it('merges: tests the run did not touch are kept', () => {
    const h = recordRun(recordRun(emptyHistory(), run('old', 5)), run('new', 7));
    expect(Object.keys(h.tests).sort()).toEqual(['new', 'old']);
    expect(h.files['a.ts']?.tests).toEqual(['old', 'new']);
  });

  it('replaces a whole file’s test list with the one just collected, so renamed and deleted tests leave', () => {
    let h = recordRun(emptyHistory(), { tests: [], wholeFiles: [{ file: 'a.ts', durationMs: 1, tests: ['old', 'kept'] }] });
    h = recordRun(h, { tests: [], wholeFiles: [{ file: 'a.ts', durationMs: 1, tests: ['kept', 'renamed'] }] });
    expect(h.files['a.ts']?.tests).toEqual(['kept', 'renamed']);
  });

  it('records whole-file durations per file', () => {
    const h = recordRun(emptyHistory(), { tests: [], wholeFiles: [{ file: 'a.ts', durationMs: 120 }] });
    expect(h.files['a.ts']?.durations).toEqual([120]);
  });
});

describe('knownTestCount', () => {
  it('counts the tests the history lists for the given files, none for a file it never saw', () => {
    const h = recordRun(emptyHistory(), { tests: [], wholeFiles: [{ file: 'a.ts', durationMs: 1, tests: ['x', 'y'] }, { file: 'b.ts', durationMs: 1, tests: ['z'] }] });
    expect(knownTestCount(h, ['a.ts', 'b.ts', 'new.ts'])).toBe(3);
    expect(knownTestCount(h, ['b.ts'])).toBe(1);
    expect(knownTestCount(h, [])).toBe(0);
  });
});

describe('median', () => {
  it('is robust to one outlier', () => {
    expect(median([10, 11, 12, 9, 500])).toBe(11);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });
});

describe('history file', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'ptest-history-'));

  it('round-trips through disk, merging with what another run wrote meanwhile', async () => {
    const path = join(dir(), '.ptest', 'history.json');
    await saveRun(path, run('first', 10), () => {});
    await saveRun(path, run('second', 20), () => {});
    const h = await loadHistory(path, () => {});
    expect(h.tests.first?.durations).toEqual([10]);
    expect(h.tests.second?.durations).toEqual([20]);
  });

  it('makes its .ptest folder ignored by git, and leaves a folder the team made alone', async () => {
    const made = join(dir(), '.ptest');
    await saveRun(join(made, 'history.json'), run('t', 1), () => {});
    expect(readFileSync(join(made, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    const theirs = join(dir(), '.ptest');
    mkdirSync(theirs);
    await saveRun(join(theirs, 'history.json'), run('t', 1), () => {});
    expect(existsSync(join(theirs, '.gitignore'))).toBe(false);
  });

  it.each([
    ['{ not json', /is corrupt/],
    ['', /is corrupt/],
    ['{"version": 99, "tool": "ptest", "tests": {}, "files": {}}', /is not a ptest history of version 1/],
    ['[1, 2, 3]', /is not a ptest history/],
  ])('treats %j as a warning and an empty history, never a crash', async (text, warning) => {
    const path = join(dir(), 'history.json');
    writeFileSync(path, text);
    const warnings: string[] = [];
    expect(await loadHistory(path, (w) => warnings.push(w))).toEqual(emptyHistory());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(warning);
    expect(warnings[0]).toContain(path);
  });

  it('loses no run when several save at the same moment', async () => {
    const path = join(dir(), 'history.json');
    await Promise.all(Array.from({ length: 8 }, (_, i) => saveRun(path, run(`t${i}`, i + 1), () => {})));
    expect(Object.keys((await loadHistory(path, () => {})).tests).sort()).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7']);
  });

  it('replaces a corrupt file with a valid one on the next save', async () => {
    const path = join(dir(), 'history.json');
    writeFileSync(path, '{ torn');
    await saveRun(path, run('t', 1), () => {});
    expect(JSON.parse(readFileSync(path, 'utf8')).tests.t.durations).toEqual([1]);
  });

  it('a missing file is simply an empty history, without a warning', async () => {
    const warnings: string[] = [];
    expect(await loadHistory(join(dir(), 'none.json'), (w) => warnings.push(w))).toEqual(emptyHistory());
    expect(warnings).toEqual([]);
  });
});

describe('history lock', () => {
  it('takes over a lock left by a process that is gone, without waiting for it to go stale', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ptest-lock-')), 'history.json');
    writeFileSync(`${path}.lock`, '999999999'); // no such pid
    const started = Date.now();
    await saveRun(path, run('t', 1), () => {});
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await loadHistory(path, () => {})).tests.t?.durations).toEqual([1]);
  });
});

describe('flakiness from the outcome history', () => {
  const withHash = (outcome: 'p' | 'f' | 'k', hash: string) => ({ ...run('t', 1, outcome as 'p'), fileHashes: { 'a.ts': hash } });

  it('marks an edit of the test file between two runs, and not a run of the same contents', () => {
    let h = emptyHistory();
    for (const [outcome, hash] of [['p', 'v1'], ['f', 'v1'], ['f', 'v2'], ['p', 'v2']] as const) h = recordRun(h, withHash(outcome, hash));
    expect(h.tests.t?.outcomes).toBe('pf|fp');
    expect(h.files['a.ts']?.hash).toBe('v2');
  });

  it('keeps the last runs, not counting edit marks, and never starts with one', () => {
    let h = emptyHistory();
    for (let i = 0; i < OUTCOME_SAMPLES + 3; i++) h = recordRun(h, withHash('p', `v${i}`));
    expect(h.tests.t?.outcomes.replaceAll('|', '')).toHaveLength(OUTCOME_SAMPLES);
    expect(h.tests.t?.outcomes.startsWith('|')).toBe(false);
  });

  it.each([
    ['pppp', 0],
    ['ffff', 0], // broken, not flaky
    ['pfpf', 0.75],
    ['kkkk', 1],
    ['pppk', 0.25],
    ['ppp|fff', 0], // an edit broke it: no flip
    ['pf|pf', 0.5],
    ['psfs', 0.5], // skipped runs do not count
  ])('scores %s at %d', (outcomes, score) => {
    expect(flakinessOf(outcomes).score).toBeCloseTo(score, 5);
  });

  it('counts runs and flaky runs', () => {
    expect(flakinessOf('pkskf')).toEqual({ score: 0.75, runs: 4, flakyRuns: 2, outcomes: 'pkskf' });
  });
});

describe('file hashes', () => {
  it('hash contents, so an edit changes the hash and a touch does not; unreadable files have none', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ptest-hash-'));
    writeFileSync(join(root, 'a.test.ts'), 'one');
    const first = await hashFiles(root, ['a.test.ts', 'gone.test.ts']);
    expect(Object.keys(first)).toEqual(['a.test.ts']);
    writeFileSync(join(root, 'a.test.ts'), 'one');
    expect(await hashFiles(root, ['a.test.ts'])).toEqual(first);
    writeFileSync(join(root, 'a.test.ts'), 'two');
    expect((await hashFiles(root, ['a.test.ts']))['a.test.ts']).not.toBe(first['a.test.ts']);
  });
});
