import { escapeUTF8 } from 'entities';
import { appendFile } from 'node:fs/promises';
import { stripVTControlCharacters } from 'node:util';
import { writeAtomic } from '../io/atomic-write.js';
import { isFailure } from '../model/outcome.js';
import type { QuarantineEntry } from '../quarantine/quarantine-model.js';
import type { Reporter } from './reporter.js';
import { seconds } from './seconds.js';
import { shardBalance, shardBalanceText } from './shard-balance.js';
import { isGreen, unfinishedText, unloadedText, verdictText } from './verdict.js';
import type { RunReport, TestRecord } from './run-report.js';

/**
 * `--reporter markdown:<path>`: the run as a pull-request reader wants it: the verdict, each failure
 * with its message, the flaky tests (new ones marked) and what changed in the quarantine. When
 * $GITHUB_STEP_SUMMARY is set (GitHub Actions) the same text is appended there too.
 * Names from the suite are text, never markup: Markdown punctuation is backslash-escaped and `< > &`
 * become entities (GitHub renders inline HTML); messages go in fences longer than any backtick run
 * they contain.
 */
export class MarkdownReporter implements Reporter {
  constructor(
    private readonly path: string,
    private readonly stepSummary: string | undefined,
  ) {}

  async onRunEnd(report: RunReport): Promise<void> {
    const text = toMarkdown(report);
    await writeAtomic(this.path, text);
    if (this.stepSummary) await appendFile(this.stepSummary, `${text}\n`);
  }
}

export function toMarkdown(report: RunReport): string {
  const { summary } = report;
  const counts = verdictText(summary);
  const lines = [`## ${isGreen(report) ? '✅' : '❌'} ptest: ${counts}`, '', [`${seconds(report.wallMs)} on ${report.workers} workers`, unloadedText(report), unfinishedText(report)].filter(Boolean).join(' · ')];
  const shards = shardBalance(report.shards);
  if (shards) lines.push('', shardBalanceText(shards));
  const failed = report.tests.filter((t) => isFailure(t.status) && !t.quarantined);
  if (failed.length > 0) lines.push('', `### Failures (${failed.length})`);
  for (const test of failed) lines.push('', `- ${strong(test.id)} (${test.status}${test.attempts.length > 1 ? `, all ${test.attempts.length} attempts` : ''})`, ...fenced(test.attempts.at(-1)?.error?.message));
  if (report.errors.length > 0) lines.push('', `### Errors outside tests (${report.errors.length})`);
  for (const error of report.errors) lines.push('', `- ${strong(error.file ?? '(run)')}: ${error.kind} error`, ...fenced(error.message));
  const flaky = report.tests.filter((t) => t.status === 'flaky' && !t.quarantined);
  if (flaky.length > 0) lines.push('', `### Flaky (${flaky.length})`, '', '| test | cause | flip rate | |', '| --- | --- | --- | --- |', ...flaky.map(flakyRow));
  lines.push(...quarantineSection(report));
  return `${lines.join('\n')}\n`;
}

function flakyRow(test: TestRecord): string {
  const score = test.flakiness ? `${Math.round(test.flakiness.score * 100)}% of ${test.flakiness.runs} runs` : '';
  const isNew = !test.flakiness || test.flakiness.flakyRuns <= 1 ? '**new**' : '';
  const cause = `${test.flakeCause ?? ''}${test.repeat ? `, passed ${test.repeat.passed} of ${test.repeat.runs} repetitions` : ''}`;
  return `| ${text(test.id)} | ${cause} | ${score} | ${isNew} |`;
}

function quarantineSection(report: RunReport): string[] {
  const q = report.quarantine;
  if (!q) return [];
  const failing = report.tests.filter((t) => t.quarantined && isFailure(t.status));
  const changes: [string, QuarantineEntry[]][] = [['Added by --auto-quarantine', q.added], ['Expired', q.expired], ['Stale (the test no longer exists)', q.stale]];
  if (failing.length === 0 && changes.every(([, entries]) => entries.length === 0)) return [];
  const lines = ['', `### Quarantine (${text(q.file)})`];
  if (failing.length > 0) lines.push('', `Quarantined tests that failed (not counted against the run): ${failing.map((t) => text(t.id)).join(', ')}`);
  for (const [title, entries] of changes) {
    if (entries.length > 0) lines.push('', `**${title}**`, '', ...entries.map((e) => `- ${text(e.id)}: ${text(e.reason)}${e.expires ? ` (expires ${e.expires})` : ''}`));
  }
  return lines;
}

/** Markdown inline text: punctuation escaped, markup characters as entities, one line. */
function text(value: string): string {
  return escapeUTF8(stripVTControlCharacters(value).replace(/[\r\n\u2028\u2029]+/g, ' ')).replace(/[\\`*_{}[\]()#+\-.!|~]/g, '\\$&');
}

/** bold text; emphasis cannot start or end on whitespace, and HTML would collapse it anyway */
function strong(value: string): string {
  return `**${text(value.trim())}**`;
}

/** A message as a code block: its text is shown verbatim, whatever it contains. */
function fenced(message: string | undefined): string[] {
  if (!message) return [];
  const body = stripVTControlCharacters(message).trimEnd();
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return ['', `  ${fence}`, ...body.split('\n').map((l) => `  ${l}`), `  ${fence}`];
}
