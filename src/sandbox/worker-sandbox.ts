import { constants } from 'node:fs';
import { access, cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The worker's side: a slot's sandbox is made (and seeded) before its first file. A marker beside
 * it says it is ready, so a thread that replaces a crashed one keeps the same sandbox as it is.
 */
export async function ensureWorkerSandbox(dir: string, root: string, copy: readonly string[]): Promise<void> {
  // known ready on this thread: a marker lookup per file would cost more than a trivial test
  if (readyHere.has(dir)) return;
  const ready = `${dir}.ready`;
  if (await access(ready).then(() => true, () => false)) {
    readyHere.add(dir);
    return;
  }
  await mkdir(dir, { recursive: true });
  for (const path of copy) {
    // copy-on-write clones where the filesystem can make them (btrfs, XFS, APFS), copies elsewhere
    await cp(join(root, path), join(dir, path), { recursive: true, mode: constants.COPYFILE_FICLONE });
  }
  await writeFile(ready, '');
  readyHere.add(dir);
}

const readyHere = new Set<string>();

/**
 * Runs `body`, then undoes what it did to process.env (each thread has its own copy of the
 * environment, so only later files on the same thread could see the changes), also when it put
 * another object in its place.
 */
export async function withEnvRestored<T>(body: () => Promise<T>): Promise<T> {
  const env = process.env;
  const saved = { ...env };
  try {
    return await body();
  } finally {
    process.env = env;
    for (const key of Object.keys(env)) if (!(key in saved)) delete env[key];
    for (const [key, value] of Object.entries(saved)) if (env[key] !== value) env[key] = value;
  }
}
