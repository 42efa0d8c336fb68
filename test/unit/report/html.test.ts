import fc from 'fast-check';
import { stripVTControlCharacters } from 'node:util';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import type { Attempt } from '../../../src/model/results.js';
import { toHtml } from '../../../src/report/html-reporter.js';
import { sparkline } from '../../../src/report/html/sparkline.js';
import type { RunReport, TestRecord } from '../../../src/report/run-report.js';
import { placed, reportOf } from '../../helpers/report-fixture.js';

/** A parsed page, read as a browser would: elements in document order, visible text, attributes. */
interface Node {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
}
function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  for (const child of node.childNodes ?? []) walk(child, visit);
}
function read(html: string) {
  const tags: string[] = [];
  const attrs: Record<string, string[]> = {};
  let text = '';
  walk(parse(html) as unknown as Node, (n) => {
    if (n.tagName) tags.push(n.tagName);
    if (n.nodeName === '#text') text += n.value;
    for (const a of n.attrs ?? []) (attrs[a.name] ??= []).push(a.value);
  });
  return { tags, attrs, text };
}

const view = { root: '/repo', internalDirs: [] };
const record = (id: string, status: TestRecord['status'], attempts: Attempt[], extra: Partial<TestRecord> = {}): TestRecord => ({
  id, file: id.split(' > ')[0]!, name: id.split(' > ').slice(1).join(' > '), titlePath: id.split(' > ').slice(1), status, quarantined: false,
  durationMs: attempts.reduce((s, a) => s + a.durationMs, 0), worker: 0, startMs: 0, attempts: placed(attempts), ...extra,
});
const failed = (message: string): Attempt => ({ status: 'failed', durationMs: 10, error: { message, stack: `Error: ${message}\n    at /repo/a.test.ts:1:1` } });
const passed: Attempt = { status: 'passed', durationMs: 10 };

/** one of everything the page shows, with the suite's own text at every place it can appear */
function reportWith(s: { file: string; name: string; message: string; reason: string }): RunReport {
  const broken = `${s.file} > ${s.name}`;
  const flaky = `${s.file} > ${s.name} again`;
  const tests = [
    record(broken, 'failed', [failed(s.message), failed(s.message)]),
    record(flaky, 'flaky', [failed(s.message), passed], { flakeCause: 'timing', flakiness: { score: 0.5, runs: 4, flakyRuns: 2, outcomes: 'pk|fk' } }),
    record(`${s.file} > quarantined`, 'failed', [failed(s.message)], { quarantined: true }),
  ];
  const entry = { id: `${s.file} > quarantined`, reason: s.reason, added: '2026-11-01', owner: s.reason, ticket: 'https://example.test/1' };
  return reportOf(tests, {
    errors: [{ file: s.file, kind: 'import', message: s.message }],
    timeline: [{ worker: 0, file: s.file, startMs: 0, endMs: 40 }],
    quarantine: { file: 'ptest.quarantine.json', mode: 'run', entries: [entry], expired: [], stale: [{ id: `${s.file} > gone`, reason: s.reason, added: '2026-11-01' }], added: [] },
  });
}

// Markup, entities, quotes, colour codes and line breaks: whatever a suite's names may hold.
const piece = fc.constantFrom('<script>', '</td>', '<!--', '-->', '&amp;', '&', '"', "'", '`', '<b>', '</pre>', ']]>', '\u001b[31m', '\u001b[39m', '\n', '\t', 'a', 'é', '😀', ' ', '=', '/');
const suiteText = fc.array(piece, { maxLength: 12 }).map((parts) => `x${parts.join('')}`);

describe('HTML report', () => {
  it('keeps the page structure whatever the names and messages hold, and shows them verbatim as text', () => {
    const plain = read(toHtml(reportWith({ file: 'f', name: 'n', message: 'm', reason: 'r' }), view));
    fc.assert(
      fc.property(suiteText, suiteText, suiteText, suiteText, (file, name, message, reason) => {
        const page = read(toHtml(reportWith({ file, name, message, reason }), view));
        expect(page.tags).toEqual(plain.tags);
        for (const value of [file, name, message, reason]) expect(page.text).toContain(stripVTControlCharacters(value));
        expect(page.attrs['data-test']).toContain(stripVTControlCharacters(`${file} > ${name}`));
        expect(page.attrs.href).toEqual(['https://example.test/1']);
      }),
      { numRuns: 150 },
    );
  });

  it('links only web tickets: a javascript: URL is shown, never clickable', () => {
    const report = reportWith({ file: 'f', name: 'n', message: 'm', reason: 'r' });
    report.quarantine!.entries[0]!.ticket = 'javascript:alert(1)';
    const page = read(toHtml(report, view));
    expect(page.attrs.href).toBeUndefined();
    expect(page.text).toContain('javascript:alert(1)');
  });

  it('draws a row for every worker, idle ones too, and a bar per attempt', () => {
    const report = reportWith({ file: 'f', name: 'n', message: 'm', reason: 'r' });
    report.workers = 3;
    const page = read(toHtml(report, view));
    expect(page.text).toMatch(/worker 0worker 1worker 2/);
    expect(page.attrs['data-test']).toHaveLength(report.tests.flatMap((t) => t.attempts).length);
  });

  it("names each row of a --queue build's timeline by its job, a long job id cut to fit and whole in the tooltip", () => {
    const report = reportWith({ file: 'f', name: 'n', message: 'm', reason: 'r' });
    report.workers = 3;
    report.workerStats = [
      { id: 0, job: 'a', busyMs: 0, idleMs: 0, tasks: 0, recycled: 0 },
      { id: 1, job: 'a', busyMs: 0, idleMs: 0, tasks: 0, recycled: 0 },
      { id: 2, job: 'linux-job-42-attempt-1', busyMs: 0, idleMs: 0, tasks: 0, recycled: 0 },
    ];
    const page = read(toHtml(report, view));
    expect(page.text).toContain('a · w0a · w1linux-job-42…linux-job-42-attempt-1 · w2');
  });

  it('runs nothing and loads nothing: no script, and a policy that forbids both', () => {
    const page = read(toHtml(reportWith({ file: 'f', name: '<script>x</script>', message: 'm', reason: 'r' }), view));
    expect(page.tags).not.toContain('script');
    expect(page.attrs.content?.join(' ')).toContain("default-src 'none'");
  });
});

describe('sparkline', () => {
  it('has a bar per run, oldest first, by outcome, and a mark where the test file was edited', () => {
    const { tags, attrs } = read(sparkline('pf|ks').value);
    expect(tags.filter((t) => t === 'rect')).toHaveLength(4);
    expect(attrs.class).toEqual(['spark', 'pass', 'fail', 'edit', 'flaky', 'skip']);
  });
});
