import { randomUUID } from 'node:crypto';
import { link, open, rename, rm, stat, writeFile } from 'node:fs/promises';

/**
 * A lock file beside `path` for read-modify-write updates that several processes may make at once
 * (two runs, several shards on one disk), safe against a holder killed at any moment.
 *
 * - Taking it: the holder's pid goes into a private file first, which is then hard-linked as the
 *   lock, so a lock never exists without its pid (a kill between creating and writing it would
 *   otherwise leave an anonymous lock).
 * - Taking over a lock whose process is gone (or older than STALE_MS): it is renamed away, which
 *   only one contender can do; if what was renamed turns out to be a newer lock (another contender
 *   cleared the dead one and took the lock meanwhile), it is linked back at once.
 * - Releasing it: only if the lock file is still this holder's own.
 */
const STALE_MS = 10_000;
const RETRY_MS = 25;
const GIVE_UP_MS = 15_000;

export async function withFileLock<T>(path: string, update: () => Promise<T>): Promise<T> {
  const lock = `${path}.lock`;
  const started = Date.now();
  let ino: number | undefined;
  while ((ino = await tryTake(lock)) === undefined) {
    const holder = await inspect(lock);
    if (holder && (holder.ageMs > STALE_MS || !isAlive(holder.pid))) await takeOver(lock, holder.ino);
    else if (Date.now() - started > GIVE_UP_MS) throw new Error(`${lock} has been held for over ${GIVE_UP_MS / 1000} s`);
    else await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
  try {
    return await update();
  } finally {
    if ((await inspect(lock))?.ino === ino) await rm(lock, { force: true });
  }
}

/** the lock's inode when taken, undefined when someone holds it */
async function tryTake(lock: string): Promise<number | undefined> {
  const mine = `${lock}.${randomUUID()}.tmp`;
  await writeFile(mine, String(process.pid));
  try {
    await link(mine, lock);
    return (await stat(lock)).ino;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return undefined;
  } finally {
    await rm(mine, { force: true });
  }
}

/** the holder's pid, the lock's inode and age, read from one open file; undefined if there is no lock */
async function inspect(lock: string): Promise<{ pid: number; ino: number; ageMs: number } | undefined> {
  const handle = await open(lock, 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const [info, text] = await Promise.all([handle.stat(), handle.readFile('utf8')]);
    return { pid: Number(text), ino: info.ino, ageMs: Date.now() - info.mtimeMs };
  } finally {
    await handle.close();
  }
}

async function takeOver(lock: string, abandonedIno: number): Promise<void> {
  const claimed = `${lock}.${randomUUID()}.stale`;
  // ENOENT: another contender got there first
  if (!(await rename(lock, claimed).then(() => true, () => false))) return;
  if ((await stat(claimed)).ino !== abandonedIno) await link(claimed, lock).catch(() => {});
  await rm(claimed, { force: true });
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
