import type { ChalkInstance } from 'chalk';
import { stripVTControlCharacters } from 'node:util';
import { isFailure } from '../../model/outcome.js';
import type { QuarantineEntry } from '../../quarantine/quarantine-model.js';
import type { RunReport } from '../run-report.js';
import { printable } from './printable.js';

/**
 * The quarantine part of the summary: quarantined tests that failed (reported, not counted
 * against the run), then what the list itself needs: expired and stale entries, and the ones
 * `--auto-quarantine` just added.
 */
export function quarantineLines(report: RunReport, chalk: ChalkInstance): string[] {
  const review = report.quarantine;
  if (!review) return [];
  const lines: string[] = [];
  const byId = new Map(review.entries.map((e) => [e.id, e]));
  const failing = report.tests.filter((t) => t.quarantined && isFailure(t.status));
  const quarantined = report.tests.filter((t) => t.quarantined);
  if (quarantined.length > 0) {
    const passing = quarantined.filter((t) => t.status === 'passed' || t.status === 'flaky').length;
    const how = review.mode === 'skip' ? 'not run' : `${failing.length} failed, ${passing} passed`;
    lines.push('', chalk.bold.magenta(`Quarantined (${quarantined.length}: ${how}; listed in ${review.file})`));
  }
  for (const test of failing) {
    const entry = byId.get(test.id);
    const error = test.attempts.at(-1)?.error?.message.split('\n')[0];
    lines.push(chalk.magenta(`  ◌ ${printable(test.id)} [${test.status}]`) + chalk.dim(entry ? ` ${describe(entry)}` : ''));
    if (error) lines.push(chalk.dim(`      ${printable(stripVTControlCharacters(error))}`));
  }
  const section = (title: string, entries: readonly QuarantineEntry[], line: (e: QuarantineEntry) => string) => {
    if (entries.length === 0) return;
    lines.push('', chalk.bold.yellow(`${title} (${entries.length})`), ...entries.map((e) => chalk.yellow(`  ${printable(e.id)}`) + chalk.dim(` ${line(e)}`)));
  };
  section('Quarantine entries expired', review.expired, (e) => `expired on ${e.expires}: ${describe(e)}`);
  section('Quarantine entries whose test no longer exists', review.stale, (e) => `remove it with: ptest quarantine remove '${e.id}'`);
  section(`Added to ${review.file} by --auto-quarantine`, review.added, (e) => e.reason);
  return lines;
}

function describe(entry: QuarantineEntry): string {
  const parts = [entry.reason, entry.owner ? `owner ${entry.owner}` : '', entry.ticket ?? ''].filter(Boolean);
  return `(${parts.join('; ')})`;
}
