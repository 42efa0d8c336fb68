import type { WorkUnit } from '../model/protocol.js';

/**
 * The culprit search after a crash that took several units down at once (a native crash kills the
 * process hosting every thread, so each running test is a suspect and at most one is guilty).
 * Every suspect runs again alone, one at a time; the rest of the crashed units wait until the
 * search is over, so nothing runs beside a suspect. A suspect that crashes again alone is the
 * culprit and is blamed by the usual rules; the others simply report their own outcome.
 * Pure: the dispatcher tells it what happened and asks what to run.
 */
export interface Held {
  slot: number;
  unit: WorkUnit;
}

export interface SearchResult {
  /** the crashed units' other tests, to queue again now that the search is over */
  release: Held[];
  /** set when no suspect crashed again: the crash could not be pinned on any test */
  unexplained?: string;
}

export class CrashIsolation {
  private readonly suspects: WorkUnit[] = [];
  private readonly held: Held[] = [];
  private readonly crashes = new Set<string>();
  private readonly suspectFiles: string[] = [];
  private running = 0;
  private culpritFound = false;

  /** a search is under way: only suspects may run */
  get active(): boolean {
    return this.suspects.length > 0 || this.running > 0;
  }

  /** One unit killed in a shared crash: what it was doing becomes a suspect, the rest waits. */
  add(crash: string, slot: number, split: { suspect?: WorkUnit; rest?: WorkUnit }): void {
    this.crashes.add(crash);
    if (split.suspect) {
      this.suspects.push(split.suspect);
      this.suspectFiles.push(describe(split.suspect));
    }
    if (split.rest) this.held.push({ slot, unit: split.rest });
  }

  /** what the search has not run yet: the suspects and the units held back */
  remaining(): WorkUnit[] {
    return [...this.suspects, ...this.held.map((h) => h.unit)];
  }

  /** The next suspect, but only once nothing else is running (`othersRunning` units are in flight). */
  next(othersRunning: number): WorkUnit | undefined {
    if (this.running > 0 || othersRunning > 0) return undefined;
    const suspect = this.suspects.shift();
    if (suspect) this.running++;
    return suspect;
  }

  /** A suspect's run is over; returns the search's result when it was the last one. */
  finished(crashedAgain: boolean): SearchResult | undefined {
    this.running--;
    this.culpritFound ||= crashedAgain;
    return this.conclude();
  }

  /** The search's result once no suspect is left to run (also right after `add` found none). */
  conclude(): SearchResult | undefined {
    if (this.active || this.crashes.size === 0) return undefined;
    const release = this.held.splice(0);
    const result: SearchResult = { release };
    if (!this.culpritFound) {
      const crash = [...this.crashes].join('; ');
      result.unexplained =
        this.suspectFiles.length > 0
          ? `a crash took down ${this.suspectFiles.join(', ')} at once, and none crashed again alone: ${crash}`
          : `a crash while no test was running: ${crash}`;
    }
    this.crashes.clear();
    this.suspectFiles.length = 0;
    this.culpritFound = false;
    return result;
  }
}

function describe(unit: WorkUnit): string {
  return unit.testIds?.length === 1 ? unit.testIds[0]! : unit.file;
}
