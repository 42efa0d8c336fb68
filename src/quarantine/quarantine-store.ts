import { readFile } from 'node:fs/promises';
import { writeAtomic } from '../io/atomic-write.js';
import { withFileLock } from '../io/file-lock.js';
import { UsageError } from '../config/usage-error.js';
import { emptyQuarantine, parseQuarantine, withEntries, type Quarantine, type QuarantineEntry } from './quarantine-model.js';

/**
 * `ptest.quarantine.json` on disk. Unlike the history, a bad quarantine file stops the run (exit 4):
 * running without it would turn known flakes into red builds, or hide that the file is broken.
 * A missing file is an empty quarantine. Changes are merged into what is on disk now, under a lock,
 * and written atomically, so shards or runs finishing together all land.
 */
export async function loadQuarantine(path: string): Promise<Quarantine> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyQuarantine();
    throw new UsageError(`quarantine file ${path} could not be read: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`quarantine file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const quarantine = parseQuarantine(parsed);
  if (typeof quarantine === 'string') throw new UsageError(`quarantine file ${path}: ${quarantine}`);
  return quarantine;
}

/** Adds and removes entries; returns the file as written. */
export async function updateQuarantine(path: string, add: readonly QuarantineEntry[], remove: readonly string[]): Promise<Quarantine> {
  return withFileLock(path, async () => {
    const next = withEntries(await loadQuarantine(path), add, remove);
    await writeAtomic(path, `${JSON.stringify(next, null, 2)}\n`);
    return next;
  });
}
