import { relative, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { isFailure } from '../model/outcome.js';
import type { Reporter } from './reporter.js';
import type { RunReport } from './run-report.js';

/**
 * `--reporter github`: GitHub Actions workflow commands on stdout, so each failure shows as an
 * annotation at the line of the test that failed (`::error file=...,line=...`), and each flaky
 * test as a warning. Values are escaped as the runner expects (`%`, CR, LF, and in properties `:`
 * and `,`), so no message can end the command early or forge another.
 */
export class GithubReporter implements Reporter {
  constructor(
    private readonly paths: { root: string; cwd: string },
    private readonly write: (line: string) => void = (line) => void process.stdout.write(`${line}\n`),
  ) {}

  onRunEnd(report: RunReport): void {
    for (const line of githubAnnotations(report, this.paths)) this.write(line);
  }
}

/** `paths.cwd`: where the workflow runs (the checkout), which annotation paths are relative to */
export function githubAnnotations(report: RunReport, paths: { root: string; cwd: string }): string[] {
  const fromCwd = (file: string) => relative(paths.cwd, resolve(paths.root, file)).split('\\').join('/');
  const lines: string[] = [];
  for (const test of report.tests) {
    const failing = isFailure(test.status) && !test.quarantined;
    if (!failing && test.status !== 'flaky') continue;
    const error = (failing ? test.attempts.at(-1) : test.attempts.find((a) => a.error))?.error;
    const where = error?.location;
    const props: Record<string, string> = { file: fromCwd(where ? where.file : test.file) };
    if (where) Object.assign(props, { line: String(where.line), col: String(where.column) });
    props.title = failing ? `${test.id} [${test.status}]` : `flaky: ${test.id}`;
    lines.push(command(failing ? 'error' : 'warning', props, error?.message ?? test.status));
  }
  for (const error of report.errors) lines.push(command('error', { ...(error.file ? { file: fromCwd(error.file) } : {}), title: `${error.kind} error` }, error.message));
  return lines;
}

function command(name: 'error' | 'warning', props: Record<string, string>, message: string): string {
  const list = Object.entries(props).map(([key, value]) => `${key}=${escapeProperty(value)}`).join(',');
  return `::${name} ${list}::${escapeData(stripVTControlCharacters(message))}`;
}

function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
