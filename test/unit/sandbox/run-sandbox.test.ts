import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workerSandboxDir } from '../../../src/sandbox/paths.js';
import { createRunSandbox, KEPT_RUNS, removeRunSandbox, sweepAbandoned } from '../../../src/sandbox/run-sandbox.js';

const freshBase = () => mkdtempSync(join(tmpdir(), 'ptest-sweep-'));
const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
const ago = (dir: string, ms: number) => utimesSync(dir, new Date(Date.now() - ms), new Date(Date.now() - ms));

/** a run directory with two worker sandboxes, owned by `pid` (or by nobody) */
function runDir(base: string, name: string, pid: number | null): string {
  const dir = join(base, name);
  for (const slot of [0, 1]) mkdirSync(workerSandboxDir(dir, slot), { recursive: true });
  if (pid !== null) writeFileSync(join(dir, 'owner.pid'), String(pid));
  return dir;
}

describe('run sandboxes', () => {
  it('sweep removes runs whose owner died and old unclaimed ones, and leaves live and just-made ones', async () => {
    const base = freshBase();
    const dead = runDir(base, 'dead', deadPid());
    const live = runDir(base, 'live', process.pid);
    const making = runDir(base, 'making', null);
    const stale = runDir(base, 'stale', null);
    ago(stale, 5 * 60_000);
    expect((await sweepAbandoned(base)).sort()).toEqual([dead, stale].sort());
    expect(readdirSync(base).sort()).toEqual(['live', 'making']);
    expect([live, making].every(existsSync)).toBe(true);
  });

  it('runs starting together sweep the same dead runs without tripping over each other', async () => {
    const base = freshBase();
    const pid = deadPid();
    for (let i = 0; i < 200; i++) runDir(base, `dead-${i}`, pid);
    const sweeps = await Promise.allSettled([1, 2, 3, 4].map(() => sweepAbandoned(base)));
    expect(sweeps.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(readdirSync(base)).toEqual([]);
  });

  it('sweep of a base that does not exist yet removes nothing', async () => {
    expect(await sweepAbandoned(join(freshBase(), 'nothing-here'))).toEqual([]);
  });

  it('removing a run keeps exactly the sandboxes asked for, or nothing at all', async () => {
    const base = freshBase();
    const all = join(base, 'all-gone');
    await createRunSandbox(all);
    mkdirSync(workerSandboxDir(all, 0));
    expect(await removeRunSandbox(all, 2, () => false)).toEqual([]);
    expect(existsSync(all)).toBe(false);

    const some = join(base, 'keep-one');
    await createRunSandbox(some);
    for (const slot of [0, 1, 2]) mkdirSync(workerSandboxDir(some, slot));
    writeFileSync(`${workerSandboxDir(some, 1)}.ready`, '');
    expect(await removeRunSandbox(some, 3, (slot) => slot === 1)).toEqual([{ slot: 1, dir: workerSandboxDir(some, 1) }]);
    expect(readdirSync(some).sort()).toEqual(['kept', 'w1']);
  });

  it(`kept sandboxes survive later sweeps, up to the ${KEPT_RUNS} newest runs`, async () => {
    const base = freshBase();
    const kept: string[] = [];
    for (let i = 0; i < KEPT_RUNS + 2; i++) {
      const dir = join(base, `kept-${i}`);
      await createRunSandbox(dir);
      mkdirSync(workerSandboxDir(dir, 0));
      await removeRunSandbox(dir, 1, () => true);
      ago(join(dir, 'kept'), (KEPT_RUNS + 2 - i) * 60_000); // kept-0 is the oldest
      kept.push(dir);
    }
    expect((await sweepAbandoned(base)).sort()).toEqual(kept.slice(0, 2).sort());
    expect(readdirSync(base).sort()).toEqual(kept.slice(2).map((d) => d.slice(base.length + 1)));
  });
});
