import type { ChalkInstance } from 'chalk';
import type { RunReport } from '../run-report.js';
import { printable } from './printable.js';

/**
 * `--repeat`: each test that did not pass every repetition, lowest pass rate first, with the seed
 * that reproduces the order. A repetition passes only without a retry.
 */
export function repeatLines(report: RunReport, chalk: ChalkInstance): string[] {
  if (!report.repeat) return [];
  const { count, seed } = report.repeat;
  const ran = report.tests.filter((t) => t.repeat && t.repeat.runs > 0);
  const shaky = ran.filter((t) => t.repeat!.passed < t.repeat!.runs).sort((a, b) => rate(a.repeat!) - rate(b.repeat!) || a.id.localeCompare(b.id));
  const title = `Pass rates over ${count} repetitions (--seed ${seed})`;
  if (shaky.length === 0) return ['', chalk.bold.green(`${title}: all ${ran.length} tests passed every time`)];
  return [
    '',
    chalk.bold.yellow(`${title}: ${shaky.length} of ${ran.length} tests did not pass every time`),
    ...shaky.map((t) => {
      const { runs, passed } = t.repeat!;
      const colour = passed === 0 ? chalk.red : chalk.yellow;
      return colour(`  ${`${Math.round(rate(t.repeat!) * 100)}%`.padStart(4)} ${`${passed}/${runs}`.padStart(7)}  ${printable(t.id)}`);
    }),
  ];
}

function rate({ runs, passed }: { runs: number; passed: number }): number {
  return runs === 0 ? 1 : passed / runs;
}
