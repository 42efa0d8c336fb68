import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, type JsonReport } from '../helpers/run-cli.js';

/**
 * CI sharding end to end: shard jobs run one after another here, as a CI matrix would run them
 * side by side, each writing a blob; `merge-reports` makes one run of them.
 */
const FLAKY = fixture('flaky');
const tmp = () => mkdtempSync(join(tmpdir(), 'ptest-shards-'));
type Sharded = JsonReport & { shard: { index: number; total: number; planId: string }; shards: { index: number }[]; shardBalance: { shards: number; spread: number } };

async function runShards(root: string, total: number, dir: string) {
  const runs = [];
  for (let i = 1; i <= total; i++) runs.push(await runCli(['--root', root, '-n', '2', '--shard', `${i}/${total}`, '--reporter', `blob:${join(dir, 'blobs')}`]));
  return runs;
}

describe('shards', () => {
  it('split the suite so that every test runs in exactly one shard, all agreeing on the plan', async () => {
    const dir = tmp();
    const whole = await runCli(['--root', FLAKY, '-n', '2']);
    const shards = await runShards(FLAKY, 3, dir);
    const ids = shards.flatMap((run) => run.report!.tests.map((t) => t.id));
    expect(ids.sort()).toEqual(whole.report!.tests.map((t) => t.id).sort());
    expect(new Set(shards.map((run) => (run.report as Sharded).shard.planId)).size).toBe(1);
    expect(shards.map((run) => (run.report as Sharded).shard.index)).toEqual([1, 2, 3]);
  });

  it('merge into the reports and exit code of one run, with every shard on the timeline and their balance', async () => {
    const dir = tmp();
    const shards = await runShards(FLAKY, 2, dir);
    const merged = await runCli(['merge-reports', join(dir, 'blobs'), '--root', FLAKY], { junit: true });
    const failed = shards.reduce((sum, run) => sum + run.report!.summary.failed!, 0);
    expect(merged.report!.summary.failed).toBe(failed);
    expect(merged.report!.summary.total).toBe(shards.reduce((sum, run) => sum + run.report!.summary.total!, 0));
    expect(merged.code).toBe(1);
    const report = merged.report as Sharded;
    expect(report.workers).toBe(shards.reduce((sum, run) => sum + run.report!.workers, 0));
    expect(report.shards.map((s) => s.index)).toEqual([1, 2]);
    const timeline = (report as unknown as { timeline: { worker: number; shard: number }[] }).timeline;
    expect(new Set(timeline.map((u) => u.shard))).toEqual(new Set([1, 2]));
    // shard 2's workers are numbered after shard 1's
    expect(Math.min(...timeline.filter((u) => u.shard === 2).map((u) => u.worker))).toBe(shards[0]!.report!.workers);
    expect(report.shardBalance.shards).toBe(2);
    expect(merged.stdout).toMatch(/2 shards: slowest \d+\.\d\d s, mean \d+\.\d\d s, spread \d+\.\d\d \(max\/mean\)/);
    expect((merged.junit!.match(/<testcase /g) ?? []).length).toBeGreaterThanOrEqual(report.summary.total!);
  });

  it('report a missing shard and a shard run twice clearly, and fail the merged run', async () => {
    const dir = tmp();
    await runShards(FLAKY, 3, dir);
    const blobs = join(dir, 'blobs');
    rmSync(join(blobs, 'ptest-blob-3-of-3.json'));
    copyFileSync(join(blobs, 'ptest-blob-2-of-3.json'), join(blobs, 'retried-2.json'));
    const merged = await runCli(['merge-reports', blobs, '--root', FLAKY]);
    expect(merged.code).toBe(1);
    expect(merged.report!.errors).toContainEqual({ file: null, kind: 'shard', message: 'shard 3/3 is missing: its tests are not in this report' });
    expect(merged.report!.errors).toContainEqual({ file: null, kind: 'shard', message: 'shard 2/3 was reported twice (ptest-blob-2-of-3.json and retried-2.json); retried-2.json is ignored' });
    expect(merged.stdout).toContain('shard 3/3 is missing');
  });

  it('replay a plan file: a retried job gets the shard it had, and shards planned differently are caught', async () => {
    const dir = tmp();
    const plan = join(dir, 'plan.json');
    const planned = await runCli(['plan', '--root', FLAKY, '--shards', '2', '--out', plan], { json: false });
    expect(planned.code).toBe(0);
    expect(planned.stdout).toMatch(/expected slowest shard .* spread \(max\/mean\) \d\.\d\d/);
    const { planId } = JSON.parse(readFileSync(plan, 'utf8')) as { planId: string };
    const first = await runCli(['--root', FLAKY, '--plan', plan, '--shard', '1/2', '--reporter', `blob:${join(dir, 'blobs')}`]);
    const retried = await runCli(['--root', FLAKY, '--plan', plan, '--shard', '1/2']);
    expect((first.report as Sharded).shard.planId).toBe(planId);
    expect(retried.report!.tests.map((t) => t.id)).toEqual(first.report!.tests.map((t) => t.id));
    // shard 2 planned on its own, with a history the plan did not have
    const history = join(dir, 'history.json');
    await runCli(['--root', FLAKY, '--history', history], { history: true });
    await runCli(['--root', FLAKY, '--shard', '2/2', '--history', history, '--reporter', `blob:${join(dir, 'blobs')}`], { history: true });
    const merged = await runCli(['merge-reports', join(dir, 'blobs'), '--root', FLAKY]);
    expect(merged.report!.errors.some((e) => e.kind === 'shard' && e.message.startsWith('the shards were planned from different inputs'))).toBe(true);
    const wrong = await runCli(['--root', FLAKY, '--plan', plan, '--shard', '1/3'], { json: false });
    expect(wrong.code).toBe(4);
    expect(wrong.stderr.trim()).toBe(`ptest: --plan ${plan} has 2 shards, but --shard asks for one of 3`);
  });

  it('--last-failed reruns exactly the merged run\'s failures, each on the shard it failed on', async () => {
    const dir = tmp();
    const history = join(dir, 'history.json');
    await runShards(FLAKY, 2, dir);
    const merged = await runCli(['merge-reports', join(dir, 'blobs'), '--root', FLAKY, '--history', history], { history: true });
    expect(existsSync(history)).toBe(true);
    const failed = merged.report!.tests.filter((t) => ['failed', 'timedOut', 'crashed'].includes(t.status)).map((t) => t.id).sort();
    expect(failed.length).toBeGreaterThan(1);
    const reruns = await Promise.all([1, 2].map((i) => runCli(['--root', FLAKY, '--lf', '--shard', `${i}/2`, '--history', history, '-n', '1', '--reporter', `blob:${join(dir, 'rerun')}`], { history: true })));
    const rerun = reruns.map((run) => run.report!.tests.map((t) => t.id).sort());
    expect(rerun.flat().sort()).toEqual(failed);
    // each on its original shard
    const blob = (i: number) => (JSON.parse(readFileSync(join(dir, 'blobs', `ptest-blob-${i}-of-2.json`), 'utf8')) as { report: JsonReport }).report.tests.map((t) => t.id);
    for (const i of [1, 2]) for (const id of rerun[i - 1]!) expect(blob(i)).toContain(id);
    // the rerun's shards agree with each other, so their merge is one run of the failures
    const again = await runCli(['merge-reports', join(dir, 'rerun'), '--root', FLAKY]);
    expect(again.report!.errors.filter((e) => e.kind === 'shard')).toEqual([]);
    expect(again.report!.tests.map((t) => t.id).sort()).toEqual(failed);
  });
});
