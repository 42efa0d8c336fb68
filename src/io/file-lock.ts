import { randomUUID } from 'node:crypto';
import { link, open, rm, stat, writeFile } from 'node:fs/promises';

/**
 * A lock file beside `path` for read-modify-write updates that several processes may make at once
 * (two runs, several shards on one disk), safe against a holder killed at any moment.
 *
 * - Taking it: the holder's pid goes into a private file first, which is then hard-linked as the
 *   lock, so a lock never exists without its pid (a kill between creating and writing it would
 *   otherwise leave an anonymous lock).
 * - Taking over a lock whose process is gone (or older than STALE_MS): a contender first claims
 *   that dead lock by hard-linking it under a name made of its inode, which only one can do, and
 *   removes the lock only if it is still that inode.
 * - Releasing it: only if the lock file is still this holder's own.
 */
const STALE_MS = 10_000;
const RETRY_MS = 25;
const GIVE_UP_MS = 15_000;
const CLAIM_MS = 2_000;

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
  // Only one contender may clear a given dead lock: the one that creates its claim (a hard link to
  // the lock, named after the dead lock's inode). Renaming the lock away instead would, in a race,
  // move a newer, live lock and let two holders in.
  const claim = `${lock}.${abandonedIno}.claim`;
  const claimed = await link(lock, claim).then(
    () => true,
    async (error: NodeJS.ErrnoException) => {
      // a claim left by a contender killed half-way expires, or the lock would stay dead for ever
      if (error.code === 'EEXIST' && Date.now() - (await stat(claim).then((s) => s.mtimeMs, () => Date.now())) > CLAIM_MS) await rm(claim, { force: true });
      return false;
    },
  );
  if (!claimed) return;
  try {
    // the link is to whatever the lock is now: clear it only if that is still the dead one
    if ((await stat(claim)).ino === abandonedIno) await rm(lock, { force: true });
  } finally {
    await rm(claim, { force: true });
  }
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
