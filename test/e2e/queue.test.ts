import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, startCli, type CliResult, type JsonReport } from '../helpers/run-cli.js';
import { RedisServer, useRedisServer } from '../helpers/redis-server.js';

/**
 * `--queue`: several ptest processes share fixtures/queue (8 files × 3 tests, 1 fragile test) through a real
 * redis-server, as the jobs of one CI build would. Each test uses a build id of its own.
 */
const SUITE = ['--root', fixture('queue'), '-n', '2'];
const TESTS = 25;

const redis = useRedisServer();

const job = (build: string, id: string, extra: string[] = [], env: Record<string, string> = {}): Promise<CliResult> =>
  runCli([...SUITE, '--queue', redis.server.url(), '--build-id', build, '--job-id', id, ...extra], { env });
const buildReport = (build: string): Promise<CliResult> => runCli(['report', '--root', fixture('queue'), '--queue', redis.server.url(), '--build-id', build, '--queue-timeout', '30000']);
const ids = (report: JsonReport | undefined): string[] => (report?.tests ?? []).map((t) => t.id);

describe('--queue: the jobs of one build share the suite through Redis', () => {
  it('four jobs drain it, every test runs exactly once, and the build report is a single run\'s', async () => {
    const jobs = await Promise.all(['a', 'b', 'c', 'd'].map((id) => job('drain', id, id === 'a' ? ['--wait-report'] : [])));
    for (const j of jobs) expect(j.code).toBe(0);
    const build = await buildReport('drain');
    expect(build.code).toBe(0);
    expect(build.report?.summary).toMatchObject({ total: TESTS, passed: TESTS, errors: 0 });
    // every job's two workers are on the build's timeline
    expect(build.report?.workers).toBe(8);
    // job a waited for the others and wrote the build's report; b, c and d each wrote their own share
    expect(ids(jobs[0]!.report)).toEqual(ids(build.report));
    const shares = jobs.slice(1).flatMap((j) => ids(j.report));
    expect(new Set(shares).size).toBe(shares.length);
    expect(shares.every((id) => ids(build.report).includes(id))).toBe(true);
  });

  it('a job interrupted mid-run gives its units back at once, without waiting for its lease', async () => {
    const stopped = startCli([...SUITE, '--queue', redis.server.url(), '--build-id', 'interrupt', '--job-id', 'stopped', '--no-history'], { PTEST_FIXTURE_SLOW: '30' });
    let stderr = '';
    stopped.child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
    await redis.reserved('interrupt', 'stopped', 2);
    stopped.child.kill('SIGINT');
    expect(await stopped.exited).toBe(2);
    expect(stderr).toContain('ptest: gave 2 unfinished unit(s) back to the queue for the other jobs');
    // the default lease is 30 s: finishing well within the test's time means nothing waited for it
    const rest = await job('interrupt', 'rest');
    expect(rest.report?.summary).toMatchObject({ total: TESTS, passed: TESTS });
    const build = await buildReport('interrupt');
    expect(build.report?.summary).toMatchObject({ total: TESTS, passed: TESTS, errors: 0 });
  });

  it('a job killed mid-run loses its units to the others when its lease runs out, and each test is still reported once', async () => {
    const lease = ['--queue-lease', '1000'];
    const doomed = startCli([...SUITE, '--queue', redis.server.url(), '--build-id', 'kill', '--job-id', 'doomed', ...lease, '--no-history'], { PTEST_FIXTURE_SLOW: '30' });
    await redis.reserved('kill', 'doomed', 2);
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const survivors = await Promise.all(['x', 'y'].map((id) => job('kill', id, lease)));
    const build = await buildReport('kill');
    expect(build.report?.summary).toMatchObject({ total: TESTS, passed: TESTS, errors: 0 });
    expect(new Set(ids(build.report)).size).toBe(TESTS);
    // the doomed job's units were run by the survivors
    expect(survivors.flatMap((s) => ids(s.report)).sort()).toEqual(ids(build.report).sort());
    expect(build.code).toBe(0);
  });

  it('a build whose only job was killed is reported once no job has run for --queue-idle-timeout, not at --queue-timeout', async () => {
    const doomed = startCli([...SUITE, '--queue', redis.server.url(), '--build-id', 'abandoned', '--job-id', 'doomed', '--queue-lease', '1000', '--no-history'], { PTEST_FIXTURE_SLOW: '30' });
    await redis.reserved('abandoned', 'doomed', 2);
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    // an hour's --queue-timeout: only the idle rule can end the wait within this test's minute
    const build = await runCli(['report', '--root', fixture('queue'), '--queue', redis.server.url(), '--build-id', 'abandoned', '--queue-timeout', '3600000', '--queue-idle-timeout', '1000']);
    expect(build.stderr).toContain('ptest: no job of the build abandoned has been running for 1000 ms (--queue-idle-timeout) and units are left: reporting what is in');
    expect(build.report?.errors.map((e) => e.kind)).toEqual(['queue']);
    expect(build.report?.notRunFiles).toHaveLength(9);
    expect(build.code).toBe(1);
  });
});

describe('--bail in a --queue build', () => {
  it('the first job to bail stops the build: the others stop too, and what never ran is not run, not missing', async () => {
    const lease = ['--queue-lease', '3000', '--no-history'];
    // the slow job leads and holds the two biggest files for a long time
    const slow = startCli([...SUITE, '--queue', redis.server.url(), '--build-id', 'bail', '--job-id', 'slow', ...lease], { PTEST_FIXTURE_SLOW: '30' });
    let slowErr = '';
    slow.child.stderr?.on('data', (chunk) => (slowErr += String(chunk)));
    await redis.reserved('bail', 'slow', 2);
    // the broken job runs everything else; the fragile test, last in the queue, fails there
    const broken = await job('bail', 'broken', [...lease, '--bail'], { PTEST_FIXTURE_BROKEN: '1' });
    expect(broken.code).toBe(1);
    expect(broken.report?.stoppedBy).toBe('bail');
    expect(await slow.exited).toBe(1);
    expect(slowErr).toContain('ptest: job broken stopped the build (--bail): stopping this job too');
    const build = await buildReport('bail');
    expect(build.report?.stoppedBy).toBe('bail');
    // every test is there once: files cut short have their unfinished tests "not run"
    const summary = build.report!.summary;
    expect(summary).toMatchObject({ total: TESTS, failed: 1, errors: 0 });
    expect(summary.passed! + summary.notRun!).toBe(TESTS - 1);
    // (the slow job's two files, and whatever the broken job's other worker was running)
    expect(new Set(build.report?.tests.filter((t) => t.notRun).map((t) => t.file)).size).toBeGreaterThanOrEqual(2);
    expect(new Set(ids(build.report)).size).toBe(TESTS);
    expect(build.code).toBe(1);
  });
});

describe('a native crash in a queue job (threads pool)', () => {
  it("runs the culprit search inside the crashed units' lineage: the build report has every test, the culprit crashed", async () => {
    const crash = ['--root', fixture('crash'), '-n', '2', '--queue', redis.server.url(), '--build-id', 'native', '--no-history'];
    const own = await runCli(crash);
    expect(own.stderr).not.toContain('not in the build');
    const build = await runCli(['report', '--root', fixture('crash'), '--queue', redis.server.url(), '--build-id', 'native']);
    // the same verdict as fixtures/crash run alone (test/e2e/crash.test.ts)
    expect(build.report?.summary).toMatchObject({ total: 11, passed: 8, failed: 3, errors: 0 });
    expect(build.report?.tests.find((t) => t.id === 'segfault.test.ts > says something on stderr, then segfaults')?.status).toBe('crashed');
    expect(build.code).toBe(1);
  });
});

describe('--requeue', () => {
  it('sends a failure to another job; it is flaky when that job passes it, with both attempts and jobs', async () => {
    const fragile = [fixture('queue/fragile.test.ts')];
    const options = ['--requeue', '1', '--queue-lease', '10000'];
    const broken = job('requeue', 'broken', [...options, ...fragile], { PTEST_FIXTURE_BROKEN: '1' });
    // the broken job has failed it and put it back: another job joins
    while ((await redis.client.hlen('ptest:requeue:avoid')) === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    const healthy = await job('requeue', 'healthy', [...options, ...fragile]);
    const own = await broken;
    const build = await buildReport('requeue');
    const test = build.report?.tests.find((t) => t.id === 'fragile.test.ts > passes except on a broken machine');
    expect(test?.status).toBe('flaky');
    expect(test?.attempts.map((a) => [a.status, a.job])).toEqual([
      ['failed', 'broken'],
      ['passed', 'healthy'],
    ]);
    expect(build.report?.summary).toMatchObject({ total: 1, flaky: 1, failed: 0 });
    expect(build.code).toBe(0);
    // each job's own report has only its own attempt
    expect(own.report?.summary).toMatchObject({ failed: 1 });
    expect(healthy.report?.summary).toMatchObject({ passed: 1 });
    expect(own.stderr).toContain('sent 1 failed test(s) back to the queue for another job to retry (--requeue)');
  });
});

describe('a CI retry of a job after the build finished', () => {
  it('runs again exactly the units that job had, and the build report adds the new attempts', async () => {
    const broken = { PTEST_FIXTURE_BROKEN: '1' };
    const first = await Promise.all(['r1', 'r2'].map((id) => job('retry', id, [], broken)));
    const retried = [await job('retry', 'r1'), await job('retry', 'r2')];
    for (const [i, retry] of retried.entries()) {
      // (a job that started after the other had taken everything has nothing to run again)
      expect(ids(retry.report).sort()).toEqual(ids(first[i]!.report).sort());
      if (ids(first[i]!.report).length > 0) expect(retry.stderr).toContain(`ptest: job r${i + 1} of build retry ran before and the build has finished: running the`);
      expect(retry.code).toBe(0);
    }
    const build = await buildReport('retry');
    expect(build.report?.summary).toMatchObject({ total: TESTS, passed: TESTS - 1, flaky: 1, failed: 0 });
    expect(build.code).toBe(0);
  });
});

describe('--queue when Redis fails', () => {
  it('Redis lost mid-run: the job finishes what it holds, reports it itself and says what it could not hand in', async () => {
    const server = await RedisServer.start();
    const started = mkdtempSync(join(tmpdir(), 'ptest-started-'));
    const running = startCli([...SUITE, '--queue', server.url(), '--build-id', 'lost', '--job-id', 'alone', '--no-history', '--reporter', 'default'], { PTEST_FIXTURE_SLOW: '10', PTEST_FIXTURE_STARTED: started });
    let stderr = '';
    running.child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
    // both workers are running a unit: Redis's list of reserved units alone is not enough, since
    // a server stopped right after the reservation can take its reply with it
    while (readdirSync(started).length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    await server.stop();
    const code = await running.exited;
    expect(stderr).toMatch(new RegExp(`ptest: lost the queue at redis://127\\.0\\.0\\.1:${server.port}/0 \\(.+\\): this job (finishes the \\d unit\\(s\\) it holds and reports them|reports what it ran) itself`));
    expect(stderr).toMatch(/the results of 2 unit\(s\) are not in the build's queue, only in this job's own reports: file-\d\.test\.ts, file-\d\.test\.ts/);
    expect(stderr).not.toContain('still open');
    expect(code).toBe(0);
    rmSync(started, { recursive: true, force: true });
  });

  it('Redis lost while the job waits for the plan: one line naming the URL, exit 4, and the process ends at once', async () => {
    const server = await RedisServer.start();
    const watcher = new Redis(server.url());
    // another job won the election but never publishes: this one polls for the plan (HGETALL of the meta)
    await watcher.set('ptest:unplanned:leader', 'elsewhere');
    const running = startCli([...SUITE, '--queue', server.url(), '--build-id', 'unplanned', '--job-id', 'follower', '--no-history'], {});
    let stderr = '';
    running.child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
    while (!(await watcher.info('commandstats')).includes('cmdstat_hgetall')) await new Promise((resolve) => setTimeout(resolve, 20));
    watcher.disconnect();
    await server.stop();
    expect(await running.exited).toBe(4);
    // one line: no 'still open 1 s after the run', which a socket waiting out ioredis's 2 s disconnect timer gave
    expect(stderr.trim()).toMatch(new RegExp(`^ptest: lost the queue at redis://127\\.0\\.0\\.1:${server.port}/0 before this job began: [^\\n]+$`));
  });

  it('rediss:// with a password: a build over TLS, and the password in no output or report', async () => {
    const password = 'tls-s3cret';
    const server = await RedisServer.start({ tls: true, password });
    try {
      const url = server.url(0, `:${password}@`);
      const env = { NODE_EXTRA_CA_CERTS: server.caFile! };
      const jobs = await Promise.all(['t1', 't2'].map((id) => runCli([...SUITE, '--queue', url, '--build-id', 'tls', '--job-id', id], { env })));
      const build = await runCli(['report', '--root', fixture('queue'), '--queue', url, '--build-id', 'tls', '--reporter', 'default'], { env });
      expect(build.report?.summary).toMatchObject({ total: TESTS, passed: TESTS, errors: 0 });
      expect(build.code).toBe(0);
      for (const run of [...jobs, build]) expect(run.stdout + run.stderr + JSON.stringify(run.report)).not.toContain(password);
      // a certificate Node does not trust is refused, in one line that says how to trust it
      const untrusted = await runCli([...SUITE, '--queue', url, '--build-id', 'tls-untrusted']);
      expect(untrusted.code).toBe(4);
      expect(untrusted.stderr.trim()).toBe(`ptest: cannot reach the queue at rediss://:***@127.0.0.1:${server.port}/0: self-signed certificate in certificate chain (to trust a private CA, name its PEM file in NODE_EXTRA_CA_CERTS)`);
    } finally {
      await server.stop();
    }
  });

  it('cannot reach Redis at the start: one line naming the URL without its password, exit 4', async () => {
    const run = await runCli([...SUITE, '--queue', `redis://ci:s3cret@127.0.0.1:${redis.server.port + 1}/0`, '--build-id', 'gone']);
    expect(run.code).toBe(4);
    expect(run.stderr.trim()).toMatch(new RegExp(`^ptest: cannot reach the queue at redis://ci:\\*\\*\\*@127\\.0\\.0\\.1:${redis.server.port + 1}/0: `));
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stdout + run.stderr).not.toContain('s3cret');
  });

  it('with --queue-fallback shard, runs the shard the CI variables name instead', async () => {
    const run = await runCli([...SUITE, '--queue', `redis://127.0.0.1:${redis.server.port + 1}/0`, '--build-id', 'gone', '--queue-fallback', 'shard'], { env: { CI_NODE_INDEX: '1', CI_NODE_TOTAL: '2' } });
    expect(run.stderr).toContain('running shard 1/2 instead (--queue-fallback shard)');
    expect(run.report?.summary.total).toBeGreaterThan(0);
    expect(run.report?.summary.total).toBeLessThan(TESTS);
    expect(run.code).toBe(0);
  });
});
