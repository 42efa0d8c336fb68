import { describe, expect, it } from 'vitest';
import { makeChalk } from '../../../src/report/terminal/colors.js';
import { colorLevel } from '../../../src/report/terminal/colors.js';
import { summaryLines } from '../../../src/report/terminal/summary.js';
import type { RunReport, TestRecord } from '../../../src/report/run-report.js';
import { placed, reportOf } from '../../helpers/report-fixture.js';

const test = (id: string, status: TestRecord['status'], message?: string): TestRecord => ({
  id,
  file: 'a.ts',
  name: id,
  titlePath: [id],
  status,
  quarantined: false,
  durationMs: 1000,
  worker: 0,
  startMs: 0,
  attempts: placed([{ status: status === 'flaky' ? 'passed' : (status as 'passed'), durationMs: 1000, ...(message ? { error: { message } } : {}) }]),
});

function report(tests: TestRecord[], wallMs = 500): RunReport {
  return reportOf(tests, { wallMs, workers: 4, startedAt: '', balance: { makespanMs: wallMs, idealMs: wallMs, ratio: 1 } });
}

const plain = { chalk: makeChalk(0), root: '/', internalDirs: [] };

describe('terminal summary', () => {
  it('sums up snapshots written, updated, failed and obsolete (with their files), how many matched when they all did, and nothing without any', () => {
    const none = { added: 0, updated: 0, matched: 9, unmatched: 0, obsolete: 0, removed: 0, obsoleteFiles: [] };
    expect(summaryLines(reportOf([test('a', 'passed')], { snapshots: none }), plain)).toContain('Snapshots: 9 matched');
    expect(summaryLines(reportOf([test('a', 'passed')], { snapshots: { ...none, matched: 0 } }), plain).join('\n')).not.toContain('Snapshots');
    const lines = summaryLines(reportOf([test('a', 'passed')], { snapshots: { ...none, added: 2, unmatched: 1, obsolete: 3, obsoleteFiles: ['a.test.ts', 'b.test.ts'] } }), plain);
    expect(lines).toContain('Snapshots: 2 written, 1 failed, 3 obsolete, 9 matched, 12 total');
    expect(summaryLines(reportOf([test('a', 'passed')], { snapshots: { ...none, matched: 0, unmatched: 4 } }), plain)).toContain('Snapshots: 4 failed, 4 total');
    expect(lines).toContain('  obsolete in a.test.ts, b.test.ts: run with -u to remove them');
    expect(summaryLines(reportOf([test('a', 'passed')], { snapshots: { ...none, removed: 3 } }), plain)).toContain('Snapshots: 3 obsolete removed, 9 matched');
    expect(summaryLines(reportOf([test('a', 'passed')], { snapshots: { ...none, obsolete: 1, obsoleteFiles: ['a.test.ts'] } }), plain)).toContain('Snapshots: 1 obsolete, 9 matched');
  });

  it('ends with the verdict line alone: N passed, N failed[, N skipped]', () => {
    const lines = summaryLines(report([test('a', 'passed'), test('b', 'failed', 'bad'), test('c', 'skipped')]), plain);
    expect(lines.at(-1)).toBe('1 passed, 1 failed, 1 skipped');
    expect(summaryLines(report([test('a', 'passed')]), plain).at(-1)).toBe('1 passed, 0 failed');
  });

  it('names the tests --grep deselected last in the verdict, as pytest does', () => {
    const r = report([test('a', 'passed'), test('b', 'skipped')]);
    r.summary = { ...r.summary, deselected: 12 };
    expect(summaryLines(r, plain).at(-1)).toBe('1 passed, 0 failed, 1 skipped, 12 deselected');
  });

  it('counts errors outside tests in the verdict, which fail the run as a failed test does', () => {
    const errors = [1, 2].map((n) => ({ file: `f${n}.ts`, kind: 'import' as const, message: 'boom' }));
    const withErrors = reportOf([test('a', 'passed')], { wallMs: 500, workers: 4, errors });
    expect(summaryLines(withErrors, plain).at(-1)).toBe('1 passed, 0 failed, 2 errors');
  });

  it('says how many files did not load, and how many tests the history knew in them, since the verdict counts only their errors', () => {
    const errors = [
      { file: 'f1.ts', kind: 'import' as const, message: 'boom' },
      { file: 'f2.ts', kind: 'collect' as const, message: 'describe threw' },
      { file: 'f3.ts', kind: 'crash' as const, message: 'while importing: worker crashed' },
      { file: 'a.ts', kind: 'teardown' as const, message: 'afterAll threw' },
      { file: null, kind: 'crash' as const, message: 'worker died' },
    ];
    const withErrors = reportOf([test('a', 'passed')], { wallMs: 500, workers: 1, errors });
    expect(summaryLines(withErrors, plain).at(-2)).toMatch(/ · 5 errors outside tests: 3 files did not load$/);
    expect(summaryLines({ ...withErrors, unloadedTests: 29 }, plain).at(-2)).toMatch(/ · 5 errors outside tests: 3 files did not load \(29 tests when they last ran\)$/);
    const one = reportOf([], { wallMs: 500, workers: 1, errors: [errors[0]!], unloadedTests: 1 });
    expect(summaryLines(one, plain).at(-2)).toMatch(/ · 1 error outside tests: 1 file did not load \(1 test when it last ran\)$/);
    const noLoadError = reportOf([test('a', 'passed')], { wallMs: 500, workers: 1, errors: errors.slice(3) });
    expect(summaryLines(noLoadError, plain).at(-2)).toMatch(/ · 2 errors outside tests$/);
  });

  it('states wall time and the speed-up (test time / wall time) before the verdict', () => {
    const lines = summaryLines(report([test('a', 'passed'), test('b', 'passed')], 500), plain);
    expect(lines.at(-2)).toBe('0.50 s wall · 2.00 s of tests · speed-up 4.00x on 4 workers · ideal 0.50 s');
  });

  it('says what did not run, with why the run stopped if it did, and also when it went on (a queue build a job left unfinished)', () => {
    const unrun = { ...test('c', 'skipped'), notRun: true as const, attempts: [] };
    const r = report([test('a', 'passed'), unrun], 500);
    r.summary = { ...r.summary, notRun: 1 };
    r.notRunFiles = ['b.test.ts'];
    expect(summaryLines(r, plain).at(-2)).toMatch(/ · 1 test and 1 file did not run$/);
    expect(summaryLines({ ...r, stoppedBy: 'bail' }, plain).at(-2)).toMatch(/ · stopped by --bail: 1 test and 1 file did not run$/);
    expect(summaryLines({ ...r, stoppedBy: 'bail', notRunFiles: [], summary: { ...r.summary, notRun: 0 } }, plain).at(-2)).toMatch(/ · stopped by --bail$/);
  });

  it('prints an error outside tests that many files share once, then names the other files', () => {
    const stack = 'Error: No loader for .sass\n    at /p/testing/setup.js:7:7';
    const shared = Array.from({ length: 13 }, (_, n) => ({ file: `t${n}.test.ts`, kind: 'import' as const, message: 'No loader for .sass', stack }));
    const own = { file: 'other.test.ts', kind: 'import' as const, message: 'boom' };
    const lines = summaryLines(reportOf([], { wallMs: 500, workers: 1, errors: [...shared, own] }), plain);
    expect(lines).toContain('Errors outside tests (14)');
    expect(lines.filter((l) => l.includes('No loader for .sass'))).toHaveLength(1);
    const names = shared.slice(1, 11).map((e) => e.file).join(', ');
    expect(lines).toContain(`  ✗ the same import error in 12 more files: ${names}, and 2 more`);
    expect(lines).toContain('  ✗ other.test.ts: import error');
  });

  it('groups files that reach one failing module by different imports, printing the first one\'s import stack', () => {
    const failing = 'src/leaf.ts:1:7: Could not resolve "./gone"';
    const errors = ['a.test.ts', 'sub/b.test.ts'].map((file) => ({ file, kind: 'import' as const, message: `${failing}\n\nImport stack:\n  src/leaf.ts\n  ${file}` }));
    const lines = summaryLines(reportOf([], { wallMs: 500, workers: 1, errors }), plain);
    expect(lines).toContain('      a.test.ts');
    expect(lines).toContain('  ✗ the same import error in 1 more file: sub/b.test.ts');
    expect(lines.join('\n')).not.toContain('  sub/b.test.ts\n');
  });

  it('names a file that met the same error several times once, with its count', () => {
    const late = (file: string) => ({ file, kind: 'uncaught' as const, message: 'uncaught after its file finished: window is not defined' });
    const lines = summaryLines(reportOf([], { wallMs: 500, workers: 1, errors: [...Array.from({ length: 7 }, () => late('a.test.tsx')), late('b.test.tsx')] }), plain);
    expect(lines).toContain('  ✗ the same uncaught error 7 more times, in a.test.tsx (6 times), b.test.tsx');
  });

  it("points an error outside tests at its file's line, as a failure is", () => {
    const stack = "TypeError: Cannot read properties of undefined (reading 'boom')\n    at /p/a.test.ts:5:33\n    at ModuleJob.run (node:internal/modules/esm/module_job:234:25)";
    const errors = [{ file: 'a.test.ts', kind: 'import' as const, message: "Cannot read properties of undefined (reading 'boom')", stack }];
    const lines = summaryLines(reportOf([], { wallMs: 500, workers: 1, errors }), { ...plain, internalDirs: ['node:'] });
    expect(lines).toContain('    at p/a.test.ts:5:33');
    expect(summaryLines(reportOf([], { wallMs: 500, workers: 1, errors: [{ ...errors[0]!, stack: undefined }] }), plain).join('\n')).not.toContain(' at ');
  });

  it('leaves the test time and speed-up out when no test took any time (every file failed to import)', () => {
    const r = report([], 500);
    r.balance = { makespanMs: 300, idealMs: 0, ratio: 0 };
    expect(summaryLines(r, plain).at(-2)).toBe('0.50 s wall on 4 workers');
  });

  it('says where the wall went instead of a speed-up below 1: start-up, environments and imports', () => {
    const r = report([test('a', 'passed')], 4000);
    expect(summaryLines(r, plain).at(-2)).toBe('4.00 s wall · 1.00 s of tests on 4 workers (the rest of the wall: start-up, environments, imports)');
  });

  it('leaves the ideal out when the ideal is too small to mean anything, and the speed-up when one worker ran', () => {
    const r = report([test('a', 'passed')], 500);
    r.balance = { makespanMs: 300, idealMs: 2, ratio: 150 };
    r.workers = 1;
    expect(summaryLines(r, plain).at(-2)).toBe('0.50 s wall · 1.00 s of tests on 1 worker');
  });

  it('prints each failing test id with its message', () => {
    const text = summaryLines(report([test('a.ts > breaks', 'failed', 'expected 1 to be 2')]), plain).join('\n');
    expect(text).toContain('✗ a.ts > breaks');
    expect(text).toContain('expected 1 to be 2');
  });

  it('strips colour codes from messages when colour is off', () => {
    const text = summaryLines(report([test('x', 'failed', '\u001b[31mred\u001b[39m')]), plain).join('\n');
    expect(text).not.toContain('\u001b[');
  });
});

describe('colorLevel', () => {
  it('turns colour off for NO_COLOR even on a terminal, and off in a pipe by default', () => {
    expect(colorLevel({ NO_COLOR: '1' }, true)).toBe(0);
    expect(colorLevel({}, false)).toBe(0);
  });
});

describe('names from users’ code in the terminal', () => {
  it('shows control characters as visible escapes, so a name cannot recolour or clear the log', () => {
    const lines = summaryLines(report([test('evil \u001b[2J\u0007 name', 'failed', 'bad')]), plain);
    expect(lines).toContain('  ✗ evil \\x1b[2J\\x07 name');
  });
});

describe('terminal summary: one error failing many tests', () => {
  it('prints it in full once, and names the first test under each of the others', () => {
    const stack = 'TypeError: Snaps is not a constructor\n    at /p/a.test.ts:5:3';
    const fails = (id: string) => ({ ...test(id, 'failed', 'Snaps is not a constructor'), attempts: placed([{ status: 'failed' as const, durationMs: 1, error: { message: 'Snaps is not a constructor', stack } }]) });
    const text = summaryLines(report([fails('a.ts > one'), fails('a.ts > two'), test('a.ts > other', 'failed', 'something else')]), plain).join('\n');
    expect(text).toContain('  ✗ a.ts > one\n    Snaps is not a constructor\n\n');
    expect(text).toContain('  ✗ a.ts > two\n    Snaps is not a constructor: the same error as a.ts > one, above');
    expect(text).toContain('something else');
  });
});
