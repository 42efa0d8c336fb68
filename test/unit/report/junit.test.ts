import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { RunError } from '../../../src/model/events.js';
import type { Attempt } from '../../../src/model/results.js';
import { toJunit } from '../../../src/report/junit-reporter.js';
import type { RunReport, TestRecord } from '../../../src/report/run-report.js';
import { placed, reportOf } from '../../helpers/report-fixture.js';

const record = (name: string, status: TestRecord['status'], attempts: Attempt[], file = 'a.test.ts', extra: Partial<TestRecord> = {}): TestRecord => ({
  id: `${file} > ${name}`,
  file,
  name,
  titlePath: [name],
  status,
  quarantined: false,
  durationMs: attempts.reduce((s, a) => s + a.durationMs, 0),
  worker: 0,
  startMs: 0,
  attempts: placed(attempts),
  ...extra,
});
const failedAttempt = (message: string, stack = 'at a.test.ts:1:1'): Attempt => ({ status: 'failed', durationMs: 5, error: { message, stack } });
const passedAttempt: Attempt = { status: 'passed', durationMs: 5 };

function report(tests: TestRecord[], errors: RunError[] = []): RunReport {
  return reportOf(tests, { errors, wallMs: 1500 });
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, parseTagValue: false, parseAttributeValue: false, isArray: (name) => ['testsuite', 'testcase', 'rerunFailure', 'flakyFailure'].includes(name) });
type Case = { name: string; failure?: { message: string; '#text': string }; rerunFailure?: { stackTrace: string }[]; flakyFailure?: { stackTrace: string }[]; skipped?: { message?: string }; error?: { type: string; message: string } };
type Suite = { name: string; tests: string; failures: string; errors: string; skipped: string; testcase: Case[] };
const parse = (xml: string) => parser.parse(xml) as { testsuites: { tests: string; testsuite: Suite[] } };

describe('JUnit report (Surefire dialect)', () => {
  it('gives each status the element CI systems read, one suite per file', () => {
    const xml = toJunit(report(
      [
        record('passes', 'passed', [passedAttempt]),
        record('breaks', 'failed', [failedAttempt('first'), failedAttempt('second')]),
        record('wobbles', 'flaky', [failedAttempt('once'), passedAttempt]),
        record('later', 'todo', [{ status: 'todo', durationMs: 0 }]),
        record('unfinished', 'skipped', [], 'b.test.ts', { notRun: true }),
      ],
      [{ file: 'c.test.ts', kind: 'import', message: 'Cannot find module x' }],
    ));
    expect(XMLValidator.validate(xml)).toBe(true);
    const { testsuites } = parse(xml);
    expect(testsuites.tests).toBe('6');
    expect(testsuites.testsuite.map((s) => [s.name, s.tests, s.failures, s.errors, s.skipped])).toEqual([
      ['a.test.ts', '4', '1', '0', '1'],
      ['b.test.ts', '1', '0', '0', '1'],
      ['c.test.ts', '1', '0', '1', '0'],
    ]);
    const [passes, breaks, wobbles, later] = testsuites.testsuite[0]!.testcase;
    expect(passes).toEqual({ name: 'passes', classname: 'a.test.ts', file: 'a.test.ts', time: '0.005' });
    expect(breaks?.failure?.message).toBe('first');
    expect(breaks?.rerunFailure?.map((f) => f.stackTrace)).toEqual(['second\nat a.test.ts:1:1']);
    expect(wobbles?.failure).toBeUndefined();
    expect(wobbles?.flakyFailure?.map((f) => f.stackTrace)).toEqual(['once\nat a.test.ts:1:1']);
    expect(later?.skipped).toEqual({ message: 'todo' });
    expect(testsuites.testsuite[1]!.testcase[0]?.skipped).toEqual({ message: 'not run: the run (or its queue job) stopped first' });
    expect(testsuites.testsuite[2]!.testcase[0]?.error).toMatchObject({ type: 'import', message: 'Cannot find module x' });
  });

  // What XML 1.0 can hold (its Char production); everything else is written as U+FFFD.
  const xmlChars = (s: string) => [...s].map((c) => (/^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]$/u.test(c) ? c : '\uFFFD')).join('');
  const asText = (s: string) => xmlChars(stripVTControlCharacters(s)).replace(/\r\n?/g, '\n');
  const asAttribute = (s: string) => xmlChars(stripVTControlCharacters(s)).replace(/\r\n|[\r\n\t]/g, ' ');
  const nasty = fc.string({
    unit: fc.oneof(
      fc.constantFrom('<', '>', '&', '"', "'", ']]>', '<![CDATA[', '&amp;', '<script>', '\u001b[31m', '\u001b[0m', '\u0000', '\u0007', '\u000b', '\r\n', '\r', '\n', '\t', '\uFFFE', '\uD800', '\uDC00', '😀'),
      fc.string({ unit: 'binary', maxLength: 3 }),
    ),
    maxLength: 30,
  });

  it('survives any test name, file path and error message: the XML is valid and reads back as written', () => {
    fc.assert(
      fc.property(nasty, nasty, nasty, (name, file, message) => {
        const xml = toJunit(report([record(name, 'failed', [failedAttempt(message, `Error: ${message}`)], `${file}.test.ts`)]));
        expect(XMLValidator.validate(xml)).toBe(true);
        const suite = parse(xml).testsuites.testsuite[0]!;
        expect(suite.name).toBe(asAttribute(`${file}.test.ts`));
        expect(suite.testcase[0]!.name).toBe(asAttribute(name));
        expect(suite.testcase[0]!.failure!['#text']).toBe(asText(`${message}\nError: ${message}`));
      }),
      { numRuns: 300 },
    );
  });
});

describe("JUnit report: what a test printed", () => {
  it('is its system-out and system-err, as Surefire writes them, and absent when it printed nothing', () => {
    const output = { stdout: 'adding <A-1> & more\n', stderr: '\u001b[33mprice list is stale\u001b[39m\n' };
    const xml = toJunit(report([record('prints', 'passed', [passedAttempt], 'a.test.ts', { output }), record('quiet', 'passed', [passedAttempt])]));
    expect(XMLValidator.validate(xml)).toBe(true);
    const cases = (parser.parse(xml) as { testsuites: { testsuite: { testcase: Record<string, unknown>[] }[] } }).testsuites.testsuite[0]!.testcase;
    expect(cases[0]).toMatchObject({ name: 'prints', 'system-out': 'adding <A-1> & more\n', 'system-err': 'price list is stale\n' });
    expect(cases[1]).not.toHaveProperty('system-out');
  });
});
