import type { ChalkInstance } from 'chalk';
import type { RunReport } from '../run-report.js';
import { printable } from './printable.js';

/**
 * The snapshot summary, as Jest's and Vitest's: what was written, updated or did not match, and
 * the obsolete snapshots (stored, but no test asks for them any more) with the files holding them,
 * which `-u` removes, and, as Jest, how many the tests checked. When every snapshot just matched, how many did (as Jest says it, and Vitest
 * does not): a suite whose snapshots were never checked would look the same otherwise.
 */
export function snapshotLines(report: RunReport, chalk: ChalkInstance): string[] {
  const s = report.snapshots;
  const parts = [
    s.added > 0 ? chalk.green(`${s.added} written`) : '',
    s.updated > 0 ? chalk.green(`${s.updated} updated`) : '',
    s.unmatched > 0 ? chalk.red(`${s.unmatched} failed`) : '',
    s.removed > 0 ? chalk.green(`${s.removed} obsolete removed`) : '',
    s.obsolete > 0 ? chalk.yellow(`${s.obsolete} obsolete`) : '',
  ].filter(Boolean);
  if (parts.length === 0) return s.matched > 0 ? ['', `${chalk.bold('Snapshots')}: ${chalk.dim(`${s.matched} matched`)}`] : [];
  const matched = s.matched > 0 ? chalk.dim(`, ${s.matched} matched`) : '';
  // as Jest's: the snapshots the tests checked, to read the failures against (obsolete ones were not checked)
  const checked = s.added + s.updated + s.unmatched + s.matched;
  const total = checked > 0 && checked !== s.matched ? chalk.dim(`, ${checked} total`) : '';
  const lines = ['', `${chalk.bold('Snapshots')}: ${parts.join(', ')}${matched}${total}`];
  if (s.obsolete > 0) lines.push(chalk.yellow(`  obsolete in ${s.obsoleteFiles.map(printable).join(', ')}: run with -u to remove them`));
  return lines;
}
