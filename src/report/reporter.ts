import type { RunEvent } from '../model/events.js';
import type { RunReport } from './run-report.js';

/**
 * A reporter consumes run events as they happen and the finished report at the end; both hooks are
 * optional. Reporters never change run state.
 */
export interface Reporter {
  onEvent?(event: RunEvent): void;
  onRunEnd?(report: RunReport): void | Promise<void>;
}

/**
 * Fans events out to every reporter. A reporter that throws is reported once and dropped from
 * live events, and cannot stop the others, nor the run, from finishing: every report still gets written.
 */
export class ReporterSet {
  private readonly broken = new Set<Reporter>();

  constructor(
    private readonly reporters: readonly { name: string; reporter: Reporter }[],
    private readonly warn: (message: string) => void,
  ) {}

  onEvent(event: RunEvent): void {
    for (const { name, reporter } of this.reporters) {
      if (this.broken.has(reporter)) continue;
      try {
        reporter.onEvent?.(event);
      } catch (error) {
        this.broken.add(reporter);
        this.warn(`ptest: reporter "${name}" failed on ${event.type} and was stopped: ${messageOf(error)}`);
      }
    }
  }

  /** Resolves to false if any reporter failed to write its report. */
  async onRunEnd(report: RunReport): Promise<boolean> {
    let ok = true;
    for (const { name, reporter } of this.reporters) {
      try {
        await reporter.onRunEnd?.(report);
      } catch (error) {
        ok = false;
        this.warn(`ptest: reporter "${name}" could not write its report: ${messageOf(error)}`);
      }
    }
    return ok;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
