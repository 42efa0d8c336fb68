import { join } from 'node:path';
import { writeAtomic } from '../io/atomic-write.js';
import type { Reporter } from './reporter.js';
import type { RunReport } from './run-report.js';

/**
 * `--reporter blob[:dir]`: one shard's complete results, for `ptest merge-reports <dir>` to combine:
 * the whole report (every test and attempt, errors, worker stats, the timeline, the shard and its
 * plan id). The history's update is derived from it when merging, so it is not stored twice.
 * One file per shard, named by it, so the blobs of all shards can share one directory (or one
 * artifact) without overwriting each other.
 */
export const BLOB_SCHEMA = 'ptest-blob/1';

export class BlobReporter implements Reporter {
  constructor(private readonly dir: string) {}

  async onRunEnd(report: RunReport): Promise<void> {
    await writeAtomic(join(this.dir, blobName(report)), `${JSON.stringify({ schema: BLOB_SCHEMA, report })}\n`);
  }
}

export function blobName(report: RunReport): string {
  return report.shard ? `ptest-blob-${report.shard.index}-of-${report.shard.total}.json` : `ptest-blob-${report.runId}.json`;
}
