import type { SnapshotDialect, SnapshotUpdate } from '../model/compat.js';

/**
 * Whether stored snapshots that no test asked for fail the run, and whose rule that is: Jest fails
 * it for them (`1 snapshot obsolete`, exit 1, with or without CI); Vitest 4 fails the file on CI
 * ("Obsolete snapshots found when no snapshot update is expected"), Vitest 3 and older never;
 * ptest's own suites follow Vitest 4, so a stale `.snap` file is caught where it would be merged.
 * Under -u they were removed.
 */
export function obsoleteFail(suiteDialect: SnapshotDialect | null, update: SnapshotUpdate, vitestMajor: number | undefined): string | undefined {
  if (update === 'all') return undefined;
  if (suiteDialect === 'jest') return 'as in Jest';
  if (update !== 'none') return undefined;
  if (suiteDialect === null) return 'on CI';
  return (vitestMajor ?? Infinity) >= 4 ? 'on CI, as in Vitest 4' : undefined;
}

/** the file's error, on one line, naming the snapshots */
export function obsoleteMessage(keys: readonly string[], why: string): string {
  const names = keys.map((key) => JSON.stringify(key)).join(', ');
  if (keys.length === 1) return `obsolete snapshot ${names} fails the run ${why}; -u removes it`;
  return `${keys.length} obsolete snapshots fail the run ${why}; -u removes them: ${names}`;
}
