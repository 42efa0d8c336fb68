import { decodeHTML } from 'entities';
import fc from 'fast-check';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import type { Attempt } from '../../../src/model/results.js';
import { githubAnnotations } from '../../../src/report/github-reporter.js';
import { toMarkdown } from '../../../src/report/markdown-reporter.js';
import type { RunReport, TestRecord } from '../../../src/report/run-report.js';
import { placed, reportOf } from '../../helpers/report-fixture.js';

const test = (id: string, status: TestRecord['status'], attempts: Attempt[], extra: Partial<TestRecord> = {}): TestRecord => ({
  id, file: id.split(' > ')[0]!, name: id, titlePath: [id], status, quarantined: false, durationMs: 1, worker: 0, startMs: 0, attempts: placed(attempts), ...extra,
});
const fail = (message: string, location?: Attempt['error'] extends infer E ? (E extends { location?: infer L } ? L : never) : never): Attempt => ({ status: 'failed', durationMs: 1, error: { message, ...(location ? { location } : {}) } });
const pass: Attempt = { status: 'passed', durationMs: 1 };

function report(tests: TestRecord[]): RunReport {
  return reportOf(tests);
}

/** the text a reader sees, from the HTML marked renders */
function visibleText(html: string): string {
  return decodeHTML(html.replace(/<[^>]+>/g, ''));
}

describe('markdown report', () => {
  it('shows the verdict, each failure with its message in a fence, and flaky tests with their cause', () => {
    const md = toMarkdown(report([
      test('a.test.ts > breaks', 'failed', [fail('expected 1\nreceived 2')]),
      test('b.test.ts > flips', 'flaky', [fail('once'), pass], { flakeCause: 'timing' }),
      test('c.test.ts > fine', 'passed', [pass]),
    ]));
    expect(md).toMatch(/^## ❌ ptest: 1 passed, 1 failed, 1 flaky\n/);
    expect(md).toContain('### Failures (1)');
    expect(md).toContain('  ```\n  expected 1\n  received 2\n  ```');
    expect(md).toMatch(/\| b\\.test\\.ts &gt; flips \| timing \| {2}\| \*\*new\*\* \|/);
  });

  it('says why the run stopped and what did not run, also when a queue build went on without finishing', () => {
    const base = report([test('a.test.ts > fine', 'passed', [pass])]);
    expect(toMarkdown(base).split('\n')[2]).toBe('1.00 s on 2 workers');
    const unfinished = { ...base, notRunFiles: ['b.test.ts', 'c.test.ts'] };
    expect(toMarkdown(unfinished).split('\n')[2]).toBe('1.00 s on 2 workers · 2 files did not run');
    expect(toMarkdown({ ...unfinished, stoppedBy: 'bail' }).split('\n')[2]).toBe('1.00 s on 2 workers · stopped by --bail: 2 files did not run');
  });

  it('renders any test name as exactly that text: no markup, no HTML, no broken table', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '' && !/[\r\n\u0000-\u001f\u007f]/.test(s)), fc.string({ maxLength: 80 }), (name, message) => {
        const id = `x.test.ts > ${name}`;
        const html = marked.parse(toMarkdown(report([test(id, 'failed', [fail(message)]), test(`y.test.ts > ${name}`, 'flaky', [fail('m'), pass])])), { async: false });
        expect(html).not.toMatch(/<(script|a|img|em|strong[^>]*>[^<]*<em)\b/);
        const bold = /<li>(?:<p>)?<strong>([\s\S]*?)<\/strong>/.exec(html)?.[1] ?? '';
        // a browser collapses runs of whitespace
        expect(visibleText(bold).replace(/\s+/g, ' ')).toBe(id.trim().replace(/\s+/g, ' '));
        const row = /<tbody>\s*<tr>([\s\S]*?)<\/tr>/.exec(html)?.[1] ?? '';
        expect(row.match(/<td/g)).toHaveLength(4);
      }),
      // line and paragraph separators end a Markdown line as a newline does
      { numRuns: 200, examples: [['a\u2028b', ''], ['\u2029!', 'm']] },
    );
  });
});

describe('github annotations', () => {
  it('points each failure at its source line and escapes what would end the command', () => {
    const location = { file: '/repo/src/a.test.ts', line: 12, column: 5 };
    const [line, warning] = githubAnnotations(report([
      test('src/a.test.ts > 100%, sure: no', 'failed', [fail('line one\nline two: 50%', location)]),
      test('src/b.test.ts > flips', 'flaky', [fail('first'), pass]),
    ]), { root: '/repo', cwd: '/repo' });
    expect(line).toBe('::error file=src/a.test.ts,line=12,col=5,title=src/a.test.ts > 100%25%2C sure%3A no [failed]::line one%0Aline two: 50%25');
    expect(warning).toBe('::warning file=src/b.test.ts,title=flaky%3A src/b.test.ts > flips::first');
  });

  it('leaves quarantined failures alone', () => {
    expect(githubAnnotations(report([test('a.test.ts > q', 'failed', [fail('x')], { quarantined: true })]), { root: '/', cwd: '/' })).toEqual([]);
  });
});
