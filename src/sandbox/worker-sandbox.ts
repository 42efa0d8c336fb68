import { constants } from 'node:fs';
import { access, cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The worker's side: a slot's sandbox is made (and seeded) before its first file. A marker beside
 * it says it is ready, so a thread that replaces a crashed one keeps the same sandbox as it is.
 */
export async function ensureWorkerSandbox(dir: string, root: string, copy: readonly string[]): Promise<void> {
  const ready = `${dir}.ready`;
  if (await access(ready).then(() => true, () => false)) return;
  await mkdir(dir, { recursive: true });
  for (const path of copy) {
    // copy-on-write clones where the filesystem can make them (btrfs, XFS, APFS), copies elsewhere
    await cp(join(root, path), join(dir, path), { recursive: true, mode: constants.COPYFILE_FICLONE });
  }
  await writeFile(ready, '');
}

/**
 * Runs `body`, then undoes what it did to process.env (each thread has its own copy of the
 * environment, so only later files on the same thread could see the changes).
 */
export async function withEnvRestored<T>(body: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  try {
    return await body();
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    for (const [key, value] of Object.entries(saved)) if (process.env[key] !== value) process.env[key] = value;
  }
}
