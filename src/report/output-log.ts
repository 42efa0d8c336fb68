import type { RunEvent } from '../model/events.js';
import type { TestOutput } from './run-report.js';

/** how much of each stream one test keeps for the reports, in characters */
export const OUTPUT_CAP = 64 * 1024;

/**
 * What each test wrote to stdout and stderr, for the reports a CI shows beside the test (JUnit's
 * system-out and system-err). Each test keeps the first OUTPUT_CAP characters of each stream, all
 * attempts together: a test that logs in a loop must not fill the coordinator's memory or the
 * report. What a file wrote outside its tests goes to the terminal only.
 */
export class OutputLog {
  private readonly byTest = new Map<string, TestOutput>();

  add(event: Extract<RunEvent, { type: 'output' }>): void {
    if (!event.test) return;
    const output = this.byTest.get(event.test.id) ?? { stdout: '', stderr: '' };
    this.byTest.set(event.test.id, output);
    const room = OUTPUT_CAP - output[event.stream].length;
    if (room <= 0) return;
    output[event.stream] += event.text.length <= room ? event.text : `${event.text.slice(0, room)}\n… (ptest keeps the first ${OUTPUT_CAP / 1024} Ki characters of a test's ${event.stream})\n`;
  }

  of(id: string): TestOutput | undefined {
    return this.byTest.get(id);
  }
}
