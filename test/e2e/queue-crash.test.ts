import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/run-cli.js';
import { useRedisServer } from '../helpers/redis-server.js';

/**
 * A file whose every test kills its worker thread, in a --queue build: the job that takes it stops
 * at the restart cap. It must hand the file in as it is rather than give it back to the queue, where
 * each job would take it, stop the same way, and give it back again, so the build never ended.
 */
const redis = useRedisServer();

// a short timeout: a build that does not end fails this test in seconds instead of hanging it
const queue = (build: string) => ['--root', fixture('queue-crash'), '--queue', redis.server.url(), '--build-id', build, '--queue-timeout', '20000'];

describe('--queue: a job stopped at the restart cap', () => {
  it('hands in the file that killed its threads as it is; the other jobs finish the build, which reports every test once', async () => {
    const jobs = await Promise.all(['a', 'b', 'c'].map((id) => runCli([...queue('crashcap'), '-n', '1', '--job-id', id])));
    const build = await runCli(['report', ...queue('crashcap')]);
    expect(build.stderr).not.toContain('did not finish');
    const report = build.report!;
    expect(report.errors.filter((e) => e.kind === 'queue')).toEqual([]);
    expect(new Set(report.tests.map((t) => t.id)).size).toBe(13);
    // five threads lost, then the job stopped: the file's last two tests never ran anywhere
    const exits = report.tests.filter((t) => t.file === 'exits.test.ts');
    expect(exits.map((t) => (t.notRun ? 'not run' : t.status))).toEqual(['crashed', 'crashed', 'crashed', 'crashed', 'crashed', 'not run', 'not run']);
    expect(report.tests.filter((t) => t.file !== 'exits.test.ts').every((t) => t.status === 'passed')).toBe(true);
    expect(report.summary).toMatchObject({ total: 13, passed: 6, failed: 5, notRun: 2 });
    expect(report.stoppedBy).toBeNull();
    // the build went on, yet the terminal still says what never ran
    expect(build.stdout).toContain(' · 2 tests did not run');
    expect(build.code).toBe(1);
    // one job took the file, and says what it did with it
    const capped = jobs.filter((j) => j.stderr.includes("ptest: handing in the 1 unit(s) to blame for this job's lost worker threads as they are (their unfinished tests not run), not back to the queue: exits.test.ts"));
    expect(capped).toHaveLength(1);
    expect(capped[0]!.code).toBe(1);
  });
});
