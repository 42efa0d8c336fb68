import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, startCli, type JsonReport } from '../helpers/run-cli.js';
import { useRedisServer } from '../helpers/redis-server.js';

/**
 * Tail relief with whole ptest processes on fixtures/queue and a real redis-server: one job is
 * slowed (PTEST_FIXTURE_SLOW, set for it alone, makes its tests wait 30 times longer) and holds
 * the two largest files; the other job, once the queue has nothing left, runs backup copies of
 * them, and its copies count.
 */
const SUITE = ['--root', fixture('queue'), '-n', '2'];
const TESTS = 25;

const redis = useRedisServer();

const ids = (report: JsonReport | undefined): string[] => (report?.tests ?? []).map((t) => t.id).sort();

describe('--queue tail relief: a fast job finishes what a slowed job holds', () => {
  it('every test is reported once, by the job whose copy came first; both jobs pass; a CI retry of each re-runs what it reported', async () => {
    const queue = ['--queue', redis.server.url(), '--build-id', 'tail'];
    const slowReport = join(mkdtempSync(join(tmpdir(), 'ptest-e2e-')), 'slow.json');
    const slow = startCli([...SUITE, ...queue, '--job-id', 'slow', '--no-history', '--reporter', `json:${slowReport}`], { PTEST_FIXTURE_SLOW: '30' });
    let slowErr = '';
    slow.child.stderr?.on('data', (chunk) => (slowErr += String(chunk)));
    await redis.reserved('tail', 'slow', 2);
    const held = await redis.client.lrange('ptest:tail:reserved:slow', 0, -1);
    const fast = await runCli([...SUITE, ...queue, '--job-id', 'fast']);
    expect(fast.code).toBe(0);
    expect(await slow.exited).toBe(0);
    expect(fast.stderr).toContain('ptest: ran backup copies of 2 unit(s) that slower jobs held once the queue had nothing left; 2 of them were handed in first');
    expect(slowErr).toContain("ptest: another job's backup copy of 2 unit(s) this job held was handed in first");

    const build = await runCli(['report', '--root', fixture('queue'), ...queue, '--queue-timeout', '30000']);
    expect(build.code).toBe(0);
    expect(build.report?.summary).toMatchObject({ total: TESTS, passed: TESTS, errors: 0 });
    const tests = build.report!.tests;
    expect(new Set(tests.map((t) => t.id)).size).toBe(TESTS);
    // the slowed job's files were run by the fast job, once each
    const rescued = tests.filter((t) => held.includes(t.file));
    expect(rescued).toHaveLength(6);
    for (const test of rescued) expect(test.attempts.map((a) => a.job)).toEqual(['fast']);
    // each job's own report has exactly the tests the build counts from it: its stopped copies are left out
    expect(ids(JSON.parse(readFileSync(slowReport, 'utf8')) as JsonReport)).toEqual([]);
    expect(ids(fast.report)).toEqual(ids(build.report));

    // a CI retry runs again what each job reported: the slowed job nothing, the fast job everything
    const slowRetry = await runCli([...SUITE, ...queue, '--job-id', 'slow'], { env: { PTEST_FIXTURE_SLOW: '30' } });
    expect(slowRetry.code).toBe(0);
    expect(ids(slowRetry.report)).toEqual([]);
    const fastRetry = await runCli([...SUITE, ...queue, '--job-id', 'fast']);
    expect(ids(fastRetry.report)).toEqual(ids(build.report));
    const after = await runCli(['report', '--root', fixture('queue'), ...queue, '--queue-timeout', '30000']);
    expect(after.report?.summary).toMatchObject({ total: TESTS, passed: TESTS, errors: 0 });
  });
});
