import { existsSync, readFileSync } from 'node:fs';
import { withFileLock } from '../io/file-lock.js';

/**
 * The chunks of a file split over several workers run at once, and each engine saves the whole
 * .snap file it read when its chunk began (inline snapshots: the whole test file): the last chunk
 * to save would drop what the others wrote. So a save takes a lock on the .snap file and starts
 * from what is on disk then, putting in only what this chunk changed: the entries it wrote (added
 * or updated) and those it removed (`-u`'s obsolete ones). The inline snapshots are written under
 * the same lock, from the source as it is then. The lock is taken beside the test file, whose
 * folder exists (a first snapshot's `__snapshots__` does not yet).
 */
export type SnapshotData = Record<string, string>;

/** What to save: the entries on disk now, with this chunk's own changes on top. */
export function mergeSnapshots(initial: SnapshotData, ours: SnapshotData, disk: SnapshotData): SnapshotData {
  const merged = { ...disk };
  for (const key of Object.keys(initial)) if (!(key in ours)) delete merged[key];
  for (const [key, value] of Object.entries(ours)) if (initial[key] !== value) merged[key] = value;
  return merged;
}

/** A .snap file's entries, read as Jest and Vitest read them: the file is a script filling `exports`. */
export function readStoredSnapshots(path: string): SnapshotData {
  if (!existsSync(path)) return {};
  const data: SnapshotData = {};
  new Function('exports', readFileSync(path, 'utf8'))(data);
  return data;
}

/** An engine's snapshot state, as far as a merged save needs it (both engines keep these fields). */
export interface EngineState {
  _snapshotData: SnapshotData;
  _dirty: boolean;
  getUncheckedCount(): number;
}

/**
 * Saves through `save` under the test file's lock, after merging the entries of the .snap file at
 * `path` into the state; a state that would write nothing is saved as it is.
 */
export async function saveMerged<T>(testFile: string, path: string, state: EngineState, initial: SnapshotData, save: () => T | Promise<T>): Promise<T> {
  if (!state._dirty && state.getUncheckedCount() === 0) return save();
  return withFileLock(testFile, async () => {
    state._snapshotData = mergeSnapshots(initial, state._snapshotData, readStoredSnapshots(path));
    return save();
  });
}
