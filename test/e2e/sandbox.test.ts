import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/run-cli.js';

/**
 * fixtures/sandbox: 8 files on 8 workers each rewrite the same seed file (copied in by
 * `sandbox.copy`) and the same relative path, and read them back, many times over. Each run gets a
 * TMPDIR of its own, so the test can see what the run left under it.
 */
function freshTmp(): string {
  return mkdtempSync(join(tmpdir(), 'ptest-sbx-'));
}
const sandboxesIn = (tmp: string) => readdirSync(join(tmp, 'ptest-sandboxes'));
const keptLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('ptest: kept the sandbox of worker'));

describe('worker sandboxes (fixtures/sandbox)', () => {
  it('keep concurrent files that write the same paths apart, and are removed after the run', async () => {
    const tmp = freshTmp();
    const run = await runCli(['--root', fixture('sandbox'), '-n', '8'], { env: { TMPDIR: tmp } });
    expect(run.report?.tests.filter((t) => t.status !== 'passed').map((t) => t.attempts[0]?.error?.message)).toEqual([]);
    expect(run.report?.summary).toMatchObject({ total: 16, passed: 16 });
    expect(new Set(run.report?.tests.map((t) => t.worker)).size).toBe(8);
    expect(sandboxesIn(tmp)).toEqual([]);
  });

  it('are what makes the difference: the same suite in one shared directory fails', async () => {
    const shared = freshTmp();
    cpSync(fixture('sandbox/data'), join(shared, 'data'), { recursive: true });
    const run = await runCli(['--root', fixture('sandbox'), '-n', '8'], { env: { SHARED_DIR: shared } });
    expect(run.code).toBe(1);
    expect(run.report?.summary.failed).toBeGreaterThan(0);
  });

  it('--keep-sandbox keeps every worker’s sandbox and prints where', async () => {
    const tmp = freshTmp();
    const run = await runCli(['--root', fixture('sandbox'), '-n', '8', '--keep-sandbox'], { env: { TMPDIR: tmp } });
    const kept = keptLines(run.stderr).map((l) => l.replace(/^.*: /, ''));
    expect(kept).toHaveLength(8);
    const owners = kept.map((dir) => JSON.parse(readFileSync(join(dir, 'data', 'seed.json'), 'utf8')).owner).sort();
    expect(owners).toEqual(Array.from({ length: 8 }, (_, i) => `file-${i + 1}`));
  });

  it('--keep-sandbox failed keeps only the sandboxes of workers where a test failed', async () => {
    const tmp = freshTmp();
    const shared = freshTmp();
    cpSync(fixture('sandbox/data'), join(shared, 'data'), { recursive: true });
    const run = await runCli(['--root', fixture('sandbox'), '-n', '8', '--keep-sandbox', 'failed'], { env: { TMPDIR: tmp, SHARED_DIR: shared } });
    const failedOn = [...new Set(run.report?.tests.filter((t) => t.status === 'failed').map((t) => t.worker))].sort();
    const keptOn = keptLines(run.stderr).map((l) => Number(/worker (\d+)/.exec(l)?.[1])).sort();
    expect(failedOn.length).toBeGreaterThan(0);
    expect(keptOn).toEqual(failedOn);
  });

  it('removes what an earlier, killed run left, and leaves a live run’s sandbox alone', async () => {
    const tmp = freshTmp();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    for (const [name, pid] of [['00000000-0000-4000-8000-000000000001', dead], ['00000000-0000-4000-8000-000000000002', String(process.pid)]] as const) {
      mkdirSync(join(tmp, 'ptest-sandboxes', name, 'w0'), { recursive: true });
      writeFileSync(join(tmp, 'ptest-sandboxes', name, 'owner.pid'), pid);
    }
    await runCli(['--root', fixture('sandbox'), '-n', '2', 'churn-1.test.ts'], { env: { TMPDIR: tmp }, cwd: fixture('sandbox') });
    expect(sandboxesIn(tmp)).toEqual(['00000000-0000-4000-8000-000000000002']);
    expect(existsSync(join(tmp, 'ptest-sandboxes', '00000000-0000-4000-8000-000000000002', 'w0'))).toBe(true);
  });

  it('rejects a seed path that does not exist, naming it', async () => {
    const run = await runCli(['--root', fixture('sandbox'), '--config', fixture('sandbox/bad-seed.config.json')], { json: false });
    expect(run.code).toBe(4);
    expect(run.stderr.trim()).toBe('ptest: sandbox.copy: no such file or directory: no-such-data');
  });
});
