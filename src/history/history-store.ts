import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeAtomic } from '../io/atomic-write.js';
import { withFileLock } from '../io/file-lock.js';
import { emptyHistory, isHistory, recordRun, type History, type RunRecord } from './history-model.js';

/**
 * `.ptest/history.json` on disk. Reading never fails the run: a missing file is an empty history, a
 * corrupt or foreign one a warning and an empty history. Writing re-reads the file and folds this
 * run into what is there now (a run of a subset, or another run that finished meanwhile, is not
 * erased) under a lock file, then replaces it atomically, so a reader never sees half a file.
 */
export async function loadHistory(path: string, warn: (line: string) => void): Promise<History> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warn(`ptest: history ${path} could not be read (${(error as Error).message}); starting from an empty history`);
    return emptyHistory();
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (isHistory(parsed)) return parsed;
    warn(`ptest: history ${path} is not a ptest history of version 1; starting from an empty history`);
  } catch (error) {
    warn(`ptest: history ${path} is corrupt (${(error as Error).message}); starting from an empty history`);
  }
  return emptyHistory();
}

export async function saveRun(path: string, run: RunRecord, warn: (line: string) => void): Promise<void> {
  try {
    const dir = dirname(path);
    // A `.ptest` folder ptest made is ignored by git from the start, as pytest's cache is: a new
    // user's checkout does not grow an untracked folder (CI keeps the history in its cache).
    // One that already existed is the team's: it may commit its history.
    if ((await mkdir(dir, { recursive: true })) !== undefined && basename(dir) === '.ptest') {
      await writeFile(join(dir, '.gitignore'), '# Created by ptest: the run history and caches are not source.\n*\n');
    }
    // Locked, so two runs finishing at once both land: each merges into what the other wrote.
    await withFileLock(path, async () => {
      const current = await loadHistory(path, () => {}); // a corrupt file was reported at load; replace it
      await writeAtomic(path, JSON.stringify(recordRun(current, run)));
    });
  } catch (error) {
    warn(`ptest: history ${path} could not be written: ${(error as Error).message}`);
  }
}
