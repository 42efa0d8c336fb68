import { escapeUTF8 } from 'entities';
import { hostname } from 'node:os';
import { stripVTControlCharacters } from 'node:util';
import { writeAtomic } from '../io/atomic-write.js';
import type { RunError } from '../model/events.js';
import { isFailure } from '../model/outcome.js';
import type { Attempt } from '../model/results.js';
import type { Reporter } from './reporter.js';
import type { RunReport, TestRecord } from './run-report.js';

/**
 * `--reporter junit:<path>`: JUnit XML in the Maven Surefire dialect CI systems read. One
 * <testsuite> per file; a flaky test carries a <flakyFailure> per failed attempt and no failure, a
 * failed one a <failure> for its first attempt and a <rerunFailure> per retry. Errors outside tests
 * are <error> test cases of their file. What a test printed is its <system-out> and <system-err>.
 * Text: colour codes stripped, `entities` escapes the markup characters, characters XML 1.0
 * cannot hold at all become U+FFFD, and line breaks and tabs in attributes become spaces (which
 * any XML parser would make of them anyway).
 */
export class JunitReporter implements Reporter {
  constructor(private readonly path: string) {}

  async onRunEnd(report: RunReport): Promise<void> {
    await writeAtomic(this.path, toJunit(report));
  }
}

export function toJunit(report: RunReport): string {
  const files = new Map<string, { tests: TestRecord[]; errors: RunError[] }>();
  const fileOf = (file: string) => files.get(file) ?? files.set(file, { tests: [], errors: [] }).get(file)!;
  for (const test of report.tests) fileOf(test.file).tests.push(test);
  for (const error of report.errors) fileOf(error.file ?? '(run)').errors.push(error);

  const suites = [...files].sort(([a], [b]) => a.localeCompare(b)).map(([file, { tests, errors }]) =>
    element(
      'testsuite',
      { name: file, ...counts(tests, errors), time: seconds(tests.reduce((sum, t) => sum + t.durationMs, 0)), timestamp: report.startedAt, hostname: hostname() },
      [
        ...tests.map(testCase),
        ...errors.map((error) =>
          element('testcase', { classname: file, name: `(${error.kind} error)`, time: '0' }, [
            element('error', { message: firstLine(error.message), type: error.kind }, text(error.stack ?? error.message)),
          ]),
        ),
      ],
    ),
  );
  const root = element('testsuites', { name: 'ptest', ...counts(report.tests, report.errors), time: seconds(report.wallMs), timestamp: report.startedAt }, suites);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}

function testCase(test: TestRecord): string {
  const children: string[] = [];
  const failed = test.attempts.filter((a) => isFailure(a.status));
  if (test.quarantined && (isFailure(test.status) || test.status === 'skipped')) {
    // Known flakes must not turn the CI's test view red while the run passes: skipped, with why.
    const last = test.attempts.at(-1);
    const message = `quarantined${isFailure(test.status) ? ` (${test.status})` : ''}`;
    children.push(element('skipped', { message }, last?.error ? text(last.error.message) : []));
  } else if (test.status === 'flaky') {
    children.push(...failed.map((attempt) => failure('flakyFailure', attempt)));
  } else if (isFailure(test.status)) {
    const [first, ...reruns] = failed;
    if (first) children.push(failure('failure', first));
    children.push(...reruns.map((attempt) => failure('rerunFailure', attempt)));
  } else if (test.status === 'skipped' || test.status === 'todo') {
    const message = test.notRun ? 'not run: the run (or its queue job) stopped first' : test.status === 'todo' ? 'todo' : undefined;
    children.push(element('skipped', message ? { message } : {}));
  }
  // Surefire's per-test output, which CI systems show beside the test
  if (test.output?.stdout) children.push(element('system-out', {}, text(test.output.stdout)));
  if (test.output?.stderr) children.push(element('system-err', {}, text(test.output.stderr)));
  return element('testcase', { classname: test.file, name: test.name, time: seconds(test.durationMs), file: test.file }, children);
}

/** Surefire: <failure> holds the trace as text; the rerun and flaky kinds hold it in <stackTrace>. */
function failure(name: 'failure' | 'rerunFailure' | 'flakyFailure', attempt: Attempt): string {
  const message = attempt.error?.message ?? attempt.status;
  const trace = text(attempt.error?.stack ? `${message}\n${attempt.error.stack}` : message);
  const attributes = { message: firstLine(message), type: attempt.status };
  return name === 'failure' ? element(name, attributes, trace) : element(name, attributes, [element('stackTrace', {}, trace)]);
}

/** One element; `content` is escaped text, or child elements already written. */
function element(name: string, attributes: Record<string, string>, content: string | string[] = []): string {
  const attrs = Object.entries(attributes).map(([key, value]) => ` ${key}="${escapeUTF8(attr(value))}"`).join('');
  if (typeof content === 'string') return `<${name}${attrs}>${escapeUTF8(content)}</${name}>`;
  if (content.length === 0) return `<${name}${attrs}/>`;
  // one element per line, not indented: indenting would change the text of multi-line failures
  return `<${name}${attrs}>\n${content.join('\n')}\n</${name}>`;
}

function counts(tests: readonly TestRecord[], errors: readonly RunError[]): Record<string, string> {
  const failures = tests.filter((t) => isFailure(t.status) && !t.quarantined).length;
  const skipped = tests.filter((t) => t.status === 'skipped' || t.status === 'todo' || (t.quarantined && isFailure(t.status))).length;
  return { tests: String(tests.length + errors.length), failures: String(failures), errors: String(errors.length), skipped: String(skipped) };
}

/** XML 1.0's Char production: anything else cannot appear in a document, even escaped */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** element text: no colour codes, only XML characters, line ends as an XML parser reports them */
function text(value: string): string {
  return stripVTControlCharacters(value).replace(NOT_XML_CHAR, '\uFFFD').replace(/\r\n?/g, '\n');
}

function attr(value: string): string {
  return text(value).replace(/[\n\t]/g, ' ');
}

function firstLine(message: string): string {
  return text(message).split('\n')[0] ?? '';
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
