import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, testById, type JsonReport } from '../helpers/run-cli.js';

/**
 * fixtures/flaky: planted flakiness that is deterministic to test: a test that fails on its
 * first attempt of each run, one that always fails, one that only passes on a clean worker, one
 * that fails "at random" from a fixed seed, one that times out the first time, one that checks
 * each attempt's tmpdir starts empty, and (with CRASH_ONCE) one that crashes its worker once.
 */
const FLAKY = fixture('flaky');
const file = (name: string) => `${FLAKY}/${name}`;
const statuses = (report: JsonReport | undefined) => Object.fromEntries(report?.tests.map((t) => [t.id, t.status]) ?? []);

describe('reruns and flaky tests (fixtures/flaky)', () => {
  it('--reruns: a test that fails then passes is flaky, with every attempt and a cause; one that always fails is failed', async () => {
    const run = await runCli(['--root', FLAKY, '-n', '2', '--reruns', '2'], { junit: true });
    expect(statuses(run.report)).toEqual({
      'always-fails.test.ts > is simply broken': 'failed',
      'crash-once.test.ts > crashes its worker once': 'passed',
      'first-attempt.test.ts > fails once per run, then passes': 'flaky',
      'fresh-tmpdir.test.ts > gets an empty tmpdir on every attempt': 'flaky',
      'order-dependent.test.ts > leaves state behind': 'passed',
      'order-dependent.test.ts > needs a clean worker': 'failed',
      'seeded-random.test.ts > fails at random': 'flaky',
      'slow-under-load.test.ts > is slow the first time': 'flaky',
      'steady.test.ts > passes every time': 'passed',
    });
    expect(run.code).toBe(1);
    expect(run.report?.summary).toMatchObject({ passed: 3, failed: 2, flaky: 4 });
    const broken = testById(run.report, 'always-fails.test.ts > is simply broken');
    expect(broken.attempts.map((a) => a.status)).toEqual(['failed', 'failed', 'failed']);
    expect(broken.attempts.every((a) => a.error?.message.includes('Expected: 3'))).toBe(true);
    expect(testById(run.report, 'first-attempt.test.ts > fails once per run, then passes')).toMatchObject({
      flakeCause: 'nondeterministic',
      attempts: [{ status: 'failed', error: { message: 'first attempt of the run: the cache was cold' } }, { status: 'passed' }],
    });
    expect(testById(run.report, 'slow-under-load.test.ts > is slow the first time')).toMatchObject({ flakeCause: 'timing', attempts: [{ status: 'timedOut' }, { status: 'passed' }] });
    expect(run.stdout).toContain('↻ first-attempt.test.ts > fails once per run, then passes [failed; trying again]');
    expect(run.stdout).toMatch(/Flaky \(4\)\n\n {2}~ first-attempt\.test\.ts > fails once per run, then passes \(failed, then passed; passed on attempt 2\)/);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('3 passed, 2 failed, 4 flaky');

    // Surefire: flaky tests carry <flakyFailure>, failed ones <failure> then <rerunFailure>
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'flakyFailure', 'rerunFailure'].includes(name) }).parse(run.junit ?? '');
    const cases = new Map<string, Record<string, unknown>>(xml.testsuites.testsuite.flatMap((s: { testcase: Record<string, unknown>[] }) => s.testcase).map((c: Record<string, unknown>) => [`${c.classname} > ${c.name}`, c]));
    const flakyCase = cases.get('first-attempt.test.ts > fails once per run, then passes');
    expect(flakyCase?.failure).toBeUndefined();
    expect(flakyCase?.flakyFailure).toEqual([expect.objectContaining({ message: 'first attempt of the run: the cache was cold', type: 'failed' })]);
    const brokenCase = cases.get('always-fails.test.ts > is simply broken');
    expect(brokenCase?.failure).toBeDefined();
    expect(brokenCase?.rerunFailure).toHaveLength(2);
  });

  it('without --reruns the same test is a failure, tried once', async () => {
    const run = await runCli(['--root', FLAKY, '-n', '1', file('first-attempt.test.ts')]);
    expect(run.code).toBe(1);
    expect(testById(run.report, 'first-attempt.test.ts > fails once per run, then passes').attempts).toHaveLength(1);
  });

  it('--rerun-isolated: a test that only passes alone in a fresh worker is flaky and order-dependent', async () => {
    const run = await runCli(['--root', FLAKY, '-n', '2', '--reruns', '2', '--rerun-isolated', file('order-dependent.test.ts'), file('steady.test.ts')]);
    const test = testById(run.report, 'order-dependent.test.ts > needs a clean worker');
    expect(test).toMatchObject({ status: 'flaky', flakeCause: 'order-dependent' });
    expect(test.attempts.map((a) => [a.status, a.isolated ?? false])).toEqual([['failed', false], ['failed', false], ['passed', true]]);
    expect(run.stdout).toContain('order-dependent: passed only when run alone');
    expect(run.code).toBe(0);
  });

  it('flaky tests pass the run unless --fail-on-flaky', async () => {
    const args = ['--root', FLAKY, '-n', '1', '--reruns', '1', file('seeded-random.test.ts')];
    expect((await runCli(args)).code).toBe(0);
    expect((await runCli([...args, '--fail-on-flaky'])).code).toBe(1);
  });

  it('a test that crashed its worker is retried in a new one when --reruns asks, and is flaky with cause crash', async () => {
    const run = await runCli(['--root', FLAKY, '-n', '1', '--reruns', '1', file('crash-once.test.ts'), file('steady.test.ts')], { env: { CRASH_ONCE: '1' } });
    expect(testById(run.report, 'crash-once.test.ts > crashes its worker once')).toMatchObject({ status: 'flaky', flakeCause: 'crash', attempts: [{ status: 'crashed' }, { status: 'passed' }] });
    expect(run.report?.errors).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('scores flakiness over the history: a test flaky in every run flips in every run', async () => {
    const history = join(mkdtempSync(join(tmpdir(), 'ptest-flaky-history-')), 'history.json');
    const args = ['--root', FLAKY, '-n', '1', '--reruns', '1', '--history', history, file('seeded-random.test.ts'), file('steady.test.ts')];
    await runCli(args, { history: true });
    const run = await runCli(args, { history: true });
    expect(testById(run.report, 'seeded-random.test.ts > fails at random').flakiness).toEqual({ score: 1, runs: 2, flakyRuns: 2, outcomes: 'kk' });
    expect(testById(run.report, 'steady.test.ts > passes every time').flakiness).toBeUndefined();
    expect(run.stdout).toContain('flipped in 100% of its last 2 runs');
    const saved = JSON.parse(readFileSync(history, 'utf8'));
    expect(saved.tests['seeded-random.test.ts > fails at random'].outcomes).toBe('kk');
    expect(saved.files['seeded-random.test.ts'].hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('--reporter markdown writes the summary (and appends it to $GITHUB_STEP_SUMMARY); --reporter github annotates the failing line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ptest-md-'));
    const stepSummary = join(dir, 'step-summary.md');
    writeFileSync(stepSummary, '# earlier step\n');
    const args = ['--root', FLAKY, '-n', '2', '--reruns', '1', '--reporter', `markdown:${join(dir, 'report.md')}`, '--reporter', 'github', file('always-fails.test.ts'), file('seeded-random.test.ts')];
    const run = await runCli(args, { env: { GITHUB_STEP_SUMMARY: stepSummary }, json: false });
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(md).toMatch(/^## ❌ ptest: 0 passed, 1 failed, 1 flaky/);
    expect(md).toContain('- **always\\-fails\\.test\\.ts &gt; is simply broken** (failed, all 2 attempts)');
    expect(readFileSync(stepSummary, 'utf8')).toBe(`# earlier step\n${md}\n`);
    expect(run.stdout).toContain('::error file=fixtures/flaky/always-fails.test.ts,line=5,col=17,title=always-fails.test.ts > is simply broken [failed]::expect(received).toBe(expected)');
    expect(run.stdout).toContain('::warning file=fixtures/flaky/seeded-random.test.ts,line=');
  });

  it.each([
    [['--reruns', 'two'], "ptest: --reruns: expected a whole number (0 or more), got 'two'"],
    [['--reruns-delay', '-1'], "ptest: --reruns-delay: expected a whole number (0 or more), got '-1'"],
  ])('rejects %j with exit 4', async (args, message) => {
    const run = await runCli(['--root', FLAKY, ...args]);
    expect(run.code).toBe(4);
    expect(run.stderr.trim()).toBe(message);
  });
});
