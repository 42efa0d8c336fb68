import type { ChalkInstance } from 'chalk';
import { stripVTControlCharacters } from 'node:util';
import { isFailure } from '../../model/outcome.js';
import { withoutImportStack, type RunError } from '../../model/events.js';
import type { FlakeCause, TestError } from '../../model/results.js';
import { firstUserFrame } from '../../model/stack-frames.js';
import { seconds } from '../seconds.js';
import { shardBalance, shardBalanceText } from '../shard-balance.js';
import { unfinishedText, unloadedText, verdictParts } from '../verdict.js';
import type { RunReport } from '../run-report.js';
import { formatError, type FailureFormat } from './format-failure.js';
import { printable } from './printable.js';
import { quarantineLines } from './quarantine-lines.js';
import { repeatLines } from './repeat-lines.js';
import { snapshotLines } from './snapshot-lines.js';

/**
 * The end of the terminal output: every failure in full, the errors outside tests, then timing
 * and, as the very last line, the verdict `N passed, N failed[, N flaky][, N skipped]` that CI logs are read for.
 */
export function summaryLines(report: RunReport, f: FailureFormat): string[] {
  const { chalk } = f;
  const lines: string[] = [];
  // quarantined failures are listed in their own section: they do not fail the run
  const failed = report.tests.filter((t) => isFailure(t.status) && !t.quarantined);
  if (failed.length > 0) lines.push('', chalk.bold.red(`Failures (${failed.length})`));
  // a failing beforeEach fails every test under it with one error: printed once, then named
  const printed = new Map<string, string>();
  for (const test of failed) {
    const last = test.attempts[test.attempts.length - 1];
    const label = (test.status === 'failed' ? '' : ` [${test.status}]`) + (test.attempts.length > 1 ? chalk.dim(` (every one of ${test.attempts.length} attempts failed)`) : '');
    lines.push('', chalk.red(`  ✗ ${printable(test.id)}${label}`));
    if (!last?.error) continue;
    const key = `${last.error.message}\n${last.error.stack ?? ''}`;
    const first = printed.get(key);
    if (first === undefined) {
      printed.set(key, test.id);
      lines.push(...formatError(last.error, f));
    } else lines.push(chalk.dim(`    ${printable(stripVTControlCharacters(last.error.message.split('\n')[0] ?? ''))}: the same error as ${printable(first)}, above`));
  }
  lines.push(...flakyLines(report, chalk));
  lines.push(...repeatLines(report, chalk));
  lines.push(...quarantineLines(report, chalk));
  lines.push(...snapshotLines(report, chalk));
  lines.push(...errorLines(report.errors, f));
  const shards = shardBalance(report.shards);
  lines.push('');
  if (shards) lines.push(chalk.dim(shardBalanceText(shards)));
  lines.push(timingLine(report, chalk), verdictLine(report, chalk));
  return lines;
}

/** how many files a repeated error names before it says how many more */
const NAMED_REPEATS = 10;

/**
 * The errors outside tests, each in full once: a setup file that fails every test file's import
 * (quasar's 98) gives one error and the files it failed, not 98 copies of it.
 */
function errorLines(errors: readonly RunError[], f: FailureFormat): string[] {
  if (errors.length === 0) return [];
  const { chalk } = f;
  const groups = new Map<string, RunError[]>();
  for (const error of errors) {
    // (each file's import stack ends at itself: the first one's is printed, the others named)
    const key = `${error.kind}\n${withoutImportStack(error.message)}\n${error.stack ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), error]);
  }
  const lines = ['', chalk.bold.red(`Errors outside tests (${errors.length})`)];
  for (const [first, ...repeats] of groups.values()) {
    lines.push('', chalk.red(`  ✗ ${printable(first!.file ?? '(run)')}: ${first!.kind} error`), ...formatError(withLocation(first!, f), f));
    if (repeats.length > 0) lines.push(chalk.red(`  ✗ ${repeatsText(first!, repeats)}`));
  }
  return lines;
}

/**
 * `the same import error in 12 more files: a, b, …, and 2 more`; a file that met it again (a late
 * callback of a finished file, eight times) is named once, with its count
 */
function repeatsText(first: RunError, repeats: readonly RunError[]): string {
  const counts = new Map<string, number>();
  for (const error of repeats) counts.set(error.file ?? '(run)', (counts.get(error.file ?? '(run)') ?? 0) + 1);
  const files = [...counts].map(([file, count]) => printable(file) + (count > 1 ? ` (${count} times)` : ''));
  const named = files.slice(0, NAMED_REPEATS).join(', ') + (files.length > NAMED_REPEATS ? `, and ${files.length - NAMED_REPEATS} more` : '');
  if (counts.size === repeats.length) return `the same ${first.kind} error in ${repeats.length} more ${repeats.length === 1 ? 'file' : 'files'}: ${named}`;
  return `the same ${first.kind} error ${repeats.length} more ${repeats.length === 1 ? 'time' : 'times'}, in ${named}`;
}

/** an error outside tests, pointed at its user frame as a failed test is (a file's top-level throw names its line) */
function withLocation({ message, stack }: RunError, f: FailureFormat): TestError {
  const location = firstUserFrame(stack, f.internalDirs);
  return { message, ...(stack ? { stack } : {}), ...(location ? { location } : {}) };
}

const CAUSE: Record<FlakeCause, string> = {
  'order-dependent': 'order-dependent: passed only when run alone',
  timing: 'timing: timed out, then passed',
  crash: 'its worker crashed, then it passed',
  nondeterministic: 'failed, then passed',
};

/** Flaky tests do not fail the run, but a team should see them, each with what its attempts say. */
function flakyLines(report: RunReport, chalk: ChalkInstance): string[] {
  const flaky = report.tests.filter((t) => t.status === 'flaky' && !t.quarantined);
  if (flaky.length === 0) return [];
  const lines = ['', chalk.bold.yellow(`Flaky (${flaky.length})`), ''];
  for (const test of flaky) {
    const failures = test.attempts.length - 1;
    const cause = test.flakeCause ? CAUSE[test.flakeCause] : 'failed, then passed';
    const first = test.attempts.find((a) => a.error)?.error?.message.split('\n')[0];
    const score = test.flakiness ? `; flipped in ${Math.round(test.flakiness.score * 100)}% of its last ${test.flakiness.runs} runs` : '';
    const passedWhen = test.repeat ? `passed ${test.repeat.passed} of ${test.repeat.runs} repetitions` : `passed on attempt ${failures + 1}`;
    lines.push(chalk.yellow(`  ~ ${printable(test.id)}`) + chalk.dim(` (${cause}; ${passedWhen}${score})`));
    if (first) lines.push(chalk.dim(`      first failure: ${printable(stripVTControlCharacters(first))}`));
  }
  return lines;
}

export function timingLine(report: RunReport, chalk: ChalkInstance): string {
  const testMs = report.tests.reduce((sum, t) => sum + t.durationMs, 0);
  const speedUp = report.wallMs > 0 ? testMs / report.wallMs : 0;
  const { summary } = report;
  const unloaded = unloadedText(report);
  const extras = [
    summary.todo > 0 ? `${summary.todo} todo` : '',
    summary.errors > 0 ? chalk.red(`${summary.errors} error${summary.errors === 1 ? '' : 's'} outside tests${unloaded ? `: ${unloaded}` : ''}`) : '',
    chalk.yellow(unfinishedText(report)),
  ].filter(Boolean);
  const workers = `${report.workers} worker${report.workers === 1 ? '' : 's'}`;
  // Less test time than wall: start-up, environments and imports filled the wall, and a speed-up
  // below 1 read as a slowdown to users (a jsdom suite 2.4x faster than Vitest said "0.08x"); the
  // balance ratio then measures that overhead too, and so does an ideal under a tenth of a second.
  // No test time (every file failed to import), or one worker: no speed-up to speak of.
  const parallel = report.workers > 1 && speedUp >= 1;
  // the ideal beside the wall says how near the run came, without the ratio's jargon
  const balance = parallel && report.balance.idealMs >= 100 ? ` · ideal ${seconds(report.balance.idealMs)}` : '';
  const speedUpText = parallel ? ` · speed-up ${speedUp.toFixed(2)}x` : '';
  const overhead = report.workers > 1 && !parallel && testMs > 0 ? ' (the rest of the wall: start-up, environments, imports)' : '';
  const tests = testMs > 0 ? ` · ${seconds(testMs)} of tests${speedUpText}` : '';
  return chalk.dim(`${seconds(report.wallMs)} wall${tests} on ${workers}${balance}${overhead}`) +
    (extras.length > 0 ? ` · ${extras.join(' · ')}` : '');
}

export function verdictLine(report: RunReport, chalk: ChalkInstance): string {
  const colour = { passed: chalk.green, failed: report.summary.failed > 0 ? chalk.red : chalk.dim, errors: chalk.red, flaky: chalk.yellow, quarantined: chalk.magenta, skipped: chalk.yellow, deselected: chalk.dim };
  return verdictParts(report.summary).map(({ kind, text }) => colour[kind](text)).join(', ');
}
