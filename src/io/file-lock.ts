import { randomUUID } from 'node:crypto';
import { link, open, rm, stat, writeFile } from 'node:fs/promises';

/**
 * A lock file beside `path` for read-modify-write updates that several processes may make at once
 * (two runs, several shards on one disk), safe against a holder killed at any moment.
 *
 * - Taking it: the holder's pid and a token unique to this taking go into a private file first,
 *   which is then hard-linked as the lock, so a lock never exists without them (a kill between
 *   creating and writing it would otherwise leave an anonymous lock).
 * - Taking over a lock whose process is gone (or older than STALE_MS): a contender first claims
 *   that dead lock by hard-linking it under a name made of its token, which only one can do, and
 *   removes the lock only if the claim holds that token.
 * - Releasing it: only if the lock file still holds this holder's token.
 * Locks are told apart by token, never by inode: a freed inode is soon given to the next new file,
 * so a contender that saw a dead lock's inode could otherwise remove a live lock that reused it.
 */
const STALE_MS = 10_000;
const RETRY_MS = 25;
const GIVE_UP_MS = 15_000;
/** a claim older than this was left by a contender killed half-way (a takeover takes milliseconds) */
const CLAIM_MS = 10_000;

export async function withFileLock<T>(path: string, update: () => Promise<T>): Promise<T> {
  const lock = `${path}.lock`;
  const started = Date.now();
  let token: string | undefined;
  while ((token = await tryTake(lock)) === undefined) {
    const holder = await inspect(lock);
    if (holder && (holder.ageMs > STALE_MS || !isAlive(holder.pid))) await takeOver(lock, holder.token);
    else if (Date.now() - started > GIVE_UP_MS) throw new Error(`${lock} has been held for over ${GIVE_UP_MS / 1000} s`);
    else await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
  try {
    return await update();
  } finally {
    if ((await inspect(lock))?.token === token) await rm(lock, { force: true });
  }
}

/** this taking's token when taken, undefined when someone holds the lock */
async function tryTake(lock: string): Promise<string | undefined> {
  const token = randomUUID();
  const mine = `${lock}.${token}.tmp`;
  await writeFile(mine, `${process.pid} ${token}`);
  try {
    await link(mine, lock);
    return token;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return undefined;
  } finally {
    await rm(mine, { force: true });
  }
}

/** the holder's pid and token and the lock's age, read from one open file; undefined if there is no lock */
async function inspect(lock: string): Promise<{ pid: number; token: string; ageMs: number } | undefined> {
  const handle = await open(lock, 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const [info, text] = await Promise.all([handle.stat(), handle.readFile('utf8')]);
    const [pid = '', token = ''] = text.split(' ');
    return { pid: Number(pid), token, ageMs: Date.now() - info.mtimeMs };
  } finally {
    await handle.close();
  }
}

async function takeOver(lock: string, abandoned: string): Promise<void> {
  // Only one contender may clear a given dead lock: the one that creates its claim (a hard link to
  // the lock, named after the dead lock's token). Renaming the lock away instead would, in a race,
  // move a newer, live lock and let two holders in.
  const claim = `${lock}.${safeToken(abandoned)}.claim`;
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
    // the link is to whatever the lock was when it was made: clear it only if that was the dead one
    if ((await inspect(claim))?.token === abandoned) await rm(lock, { force: true });
  } finally {
    await rm(claim, { force: true });
  }
}

/** a token read from a file as a file-name part (a foreign or torn lock may hold anything) */
function safeToken(token: string): string {
  return token.replace(/[^A-Za-z0-9-]/g, '_').slice(0, 64) || 'none';
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
