import { describe, expect, it } from 'vitest';
import type { TestRecord } from '../../../src/report/run-report.js';
import { VerdictReporter } from '../../../src/report/verdict-reporter.js';
import { placed, reportOf } from '../../helpers/report-fixture.js';

const test = (id: string, status: 'passed' | 'failed'): TestRecord => ({
  id, file: 'a.test.ts', name: id, titlePath: [id], status, quarantined: false, durationMs: 1, worker: 0, startMs: 0, attempts: placed([{ status, durationMs: 1 }]),
});

function lineOf(...args: Parameters<typeof reportOf>): string[] {
  const lines: string[] = [];
  const reporter = new VerdictReporter(['json: out/report.json', 'junit: ptest-junit.xml'], (line) => lines.push(line));
  reporter.onRunEnd(reportOf(...args));
  return lines;
}

describe('the verdict line of a run without the terminal reporter', () => {
  it('prints the verdict and where each report went, on one line', () => {
    expect(lineOf([test('a', 'passed'), test('b', 'failed')])).toEqual(['ptest: 1 passed, 1 failed · json: out/report.json · junit: ptest-junit.xml']);
  });

  it('says what did not load and what did not run', () => {
    const errors = [{ file: 'broken.test.ts', kind: 'import' as const, message: 'boom' }];
    const [line] = lineOf([test('a', 'passed')], { errors, stoppedBy: 'bail', notRunFiles: ['c.test.ts'] });
    expect(line).toBe('ptest: 1 passed, 0 failed, 1 error · 1 file did not load · stopped by --bail: 1 file did not run · json: out/report.json · junit: ptest-junit.xml');
  });
});
