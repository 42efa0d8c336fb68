import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { workerSandboxDir } from './paths.js';

/**
 * The coordinator's side of the sandboxes: the run's directory, claimed with the owner's pid, is
 * made before the workers start and removed after the run; directories of earlier runs whose
 * owner is gone (killed before it could clean up) are removed first. Sandboxes kept on request
 * stay for the next few runs, as pytest keeps its last three base temp directories.
 */
const OWNER_FILE = 'owner.pid';
const KEPT_FILE = 'kept';
const UNCLAIMED_MS = 60_000;
export const KEPT_RUNS = 3;

export async function createRunSandbox(runDir: string): Promise<void> {
  await mkdir(runDir, { recursive: true });
  await writeFile(join(runDir, OWNER_FILE), String(process.pid));
}

/**
 * Removes the run directories under `base` whose owning process no longer exists, except the
 * newest KEPT_RUNS of those whose sandboxes a user asked to keep.
 */
export async function sweepAbandoned(base: string): Promise<string[]> {
  const entries = await readdir(base, { withFileTypes: true }).catch(() => []);
  const removed: string[] = [];
  const kept: { dir: string; atMs: number }[] = [];
  const remove = async (dir: string): Promise<void> => {
    await rm(dir, { recursive: true, force: true });
    removed.push(dir);
  };
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const dir = join(base, entry.name);
    const keptAt = await stat(join(dir, KEPT_FILE)).then((s) => s.mtimeMs, () => null);
    if (keptAt !== null) {
      kept.push({ dir, atMs: keptAt });
      continue;
    }
    const pid = Number(await readFile(join(dir, OWNER_FILE), 'utf8').catch(() => ''));
    if (pid > 0 && isAlive(pid)) continue;
    // No owner file: a run that is creating its directory right now, or died doing so a while ago.
    // (gone already: another run starting now swept it first)
    const modifiedMs = await stat(dir).then((s) => s.mtimeMs, () => null);
    if (modifiedMs === null || (!(pid > 0) && Date.now() - modifiedMs < UNCLAIMED_MS)) continue;
    await remove(dir);
  }
  kept.sort((a, b) => b.atMs - a.atMs);
  for (const { dir } of kept.slice(KEPT_RUNS)) await remove(dir);
  return removed;
}

/**
 * Removes the run's directory, except the worker sandboxes `keep` selects, which stay (with the
 * run directory around them) for a look after the run. Returns the kept sandboxes.
 */
export async function removeRunSandbox(runDir: string, workers: number, keep: (slot: number) => boolean): Promise<{ slot: number; dir: string }[]> {
  const kept = Array.from({ length: workers }, (_, slot) => slot).filter(keep).map((slot) => ({ slot, dir: workerSandboxDir(runDir, slot) }));
  if (kept.length === 0) {
    await rm(runDir, { recursive: true, force: true });
    return [];
  }
  const keepNames = new Set([KEPT_FILE, ...kept.map(({ dir }) => basename(dir))]);
  await writeFile(join(runDir, KEPT_FILE), '');
  for (const entry of await readdir(runDir)) if (!keepNames.has(entry)) await rm(join(runDir, entry), { recursive: true, force: true });
  return kept;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
