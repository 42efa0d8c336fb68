import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Options } from '../config/options.js';
import { UsageError } from '../config/usage-error.js';
import { findFiles } from '../discover/find-files.js';
import { hashFiles } from '../history/file-hashes.js';
import { emptyHistory } from '../history/history-model.js';
import { loadHistory } from '../history/history-store.js';
import type { ExitCode } from '../model/exit-codes.js';
import { RunQuarantine } from '../quarantine/run-quarantine.js';
import { summarize } from '../report/aggregate.js';
import { BLOB_SCHEMA } from '../report/blob-reporter.js';
import { createReporters } from '../report/create-reporters.js';
import { mergeReports, type Blob } from '../report/merge-reports.js';
import { ReporterSet } from '../report/reporter.js';
import type { RunReport } from '../report/run-report.js';
import { OWN_DIR } from '../runtime-paths.js';
import { finishRun } from './finish-run.js';
import type { RunIO } from './run-command.js';

/**
 * `ptest merge-reports <dir>`: every shard's blob → the reports, history, quarantine and exit code a
 * single run of the whole suite would give. A blob that cannot be read is named and left out (and
 * its shard then reported missing).
 */
export async function mergeCommand(dir: string, options: Options, io: RunIO): Promise<ExitCode> {
  const blobs = await readBlobs(resolve(io.cwd, dir), io.warn);
  if (blobs.length === 0) throw new UsageError(`merge-reports: no blob reports in ${dir} (shards write them with --reporter blob:${dir})`);
  const quarantine = await RunQuarantine.load(options.quarantine);
  const { report, parts } = mergeReports(blobs, randomUUID());
  return finishMerged(report, parts, quarantine, options, io, !report.errors.some((e) => e.kind === 'shard'));
}

/**
 * A report put together from several parts (shards, or a queue's jobs) → its reports, history and
 * exit code, with the quarantine as it is now, not as each part read it. `whole`: no part is missing.
 */
export async function finishMerged(report: RunReport, parts: RunReport[], quarantine: RunQuarantine, options: Options, io: RunIO, whole: boolean): Promise<ExitCode> {
  const ids = quarantine.ids;
  report.tests = report.tests.map((t) => ({ ...t, quarantined: ids.has(t.id) }));
  report.summary = summarize(report.tests, report.errors.length, report.summary.deselected);
  const files = await findFiles({ ...options, cwd: io.cwd });
  const reporters = new ReporterSet(await createReporters(options.reporters, options.root, io.cwd, [OWN_DIR], io.env), io.warn);
  return finishRun(report, {
    options,
    history: options.history ? await loadHistory(options.history, io.warn) : emptyHistory(),
    parts,
    fileHashes: options.history ? await hashFiles(options.root, files) : {},
    quarantine,
    complete: whole && !report.stoppedBy && !report.filtered,
    files,
    reporters,
    stoppedBy: report.stoppedBy ?? undefined,
    warn: io.warn,
  });
}

async function readBlobs(dir: string, warn: (line: string) => void): Promise<Blob[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch (error) {
    throw new UsageError(`merge-reports: cannot read the directory ${dir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const blobs: Blob[] = [];
  for (const name of names) {
    try {
      const parsed = JSON.parse(await readFile(join(dir, name), 'utf8')) as { schema?: unknown; report?: RunReport };
      if (parsed.schema !== BLOB_SCHEMA || !Array.isArray(parsed.report?.tests)) throw new Error(`not a ${BLOB_SCHEMA} report`);
      blobs.push({ name, report: parsed.report });
    } catch (error) {
      warn(`ptest: merge-reports: skipped ${join(dir, name)}: ${(error as Error).message}`);
    }
  }
  return blobs;
}
