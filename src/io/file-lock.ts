import { open, readFile, rm, stat } from 'node:fs/promises';

/**
 * A lock file beside `path` for read-modify-write updates that several processes may make at once
 * (two runs, several shards on one disk): created exclusively with the holder's pid, removed when
 * done. A lock whose process is gone, or older than STALE_MS, was left by a killed run: taken over.
 */
const STALE_MS = 10_000;
const RETRY_MS = 25;
const GIVE_UP_MS = 15_000;

export async function withFileLock<T>(path: string, update: () => Promise<T>): Promise<T> {
  const lock = `${path}.lock`;
  const started = Date.now();
  for (;;) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > STALE_MS || !(await holderAlive(lock))) await rm(lock, { force: true });
      else if (Date.now() - started > GIVE_UP_MS) throw new Error(`${lock} has been held for over ${GIVE_UP_MS / 1000} s`);
      else await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
  try {
    return await update();
  } finally {
    await rm(lock, { force: true });
  }
}

async function holderAlive(lock: string): Promise<boolean> {
  const pid = Number(await readFile(lock, 'utf8').catch(() => ''));
  // an empty file is a lock being written right now
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
