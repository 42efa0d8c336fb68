import { lastOutcome, type History } from '../history/history-model.js';
import type { WorkUnit } from './planner.js';
import { planShards } from './shards.js';

/**
 * `--last-failed`: the tests whose latest outcome in the history is a failure (the merged history
 * of every shard, after `ptest merge-reports`), as one unit per file, in files that still exist.
 * A test its file no longer declares (renamed or deleted since, by the file's last whole run) is
 * left out. With a shard, each test stays on the shard it failed on; tests with no shard on record
 * (the last run was not sharded, or had another shard count) are partitioned as --shard would.
 */
export function lastFailedUnits(history: History, files: readonly string[], shard: { index: number; total: number } | null): WorkUnit[] {
  const existing = new Set(files);
  const declared = (id: string, file: string) => {
    const tests = history.files[file]?.tests;
    return !tests || tests.length === 0 || tests.includes(id);
  };
  const failed = Object.entries(history.tests).filter(([id, t]) => existing.has(t.file) && declared(id, t.file) && lastOutcome(t) === 'f');
  if (!shard) return unitsByFile(failed.map(([id, t]) => [id, t.file]));
  const here = `${shard.index}/${shard.total}`;
  const onRecord = (s: string | undefined) => s !== undefined && s.endsWith(`/${shard.total}`);
  const mine = unitsByFile(failed.filter(([, t]) => t.shard === here).map(([id, t]) => [id, t.file]));
  const unplaced = unitsByFile(failed.filter(([, t]) => !onRecord(t.shard)).map(([id, t]) => [id, t.file]), 'last failed, unsharded');
  return [...mine, ...(planShards(unplaced, shard.total).shards[shard.index - 1] ?? [])];
}

function unitsByFile(tests: readonly (readonly [string, string])[], label = 'last failed'): WorkUnit[] {
  const byFile = new Map<string, string[]>();
  for (const [id, file] of tests) byFile.set(file, [...(byFile.get(file) ?? []), id]);
  return [...byFile].map(([file, testIds]) => ({ id: `${file} (${label})`, file, testIds: testIds.sort() }));
}
