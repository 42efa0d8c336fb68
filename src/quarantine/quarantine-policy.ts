import { FILE_CHANGED, type History } from '../history/history-model.js';
import { flakinessOf } from '../history/flakiness.js';
import { fileOfTestId } from '../model/test-id.js';
import { addDays, isExpired, type Quarantine, type QuarantineEntry } from './quarantine-model.js';

/**
 * The quarantine's decisions, as pure functions of the list, the history and the run: which
 * entries are expired or stale, which tests to add automatically, and which to release.
 */
export interface AutoQuarantine {
  /** flaky (failed, then passed) in at least this many of the last `window` runs */
  minFlaky: number;
  window: number;
  /** days an automatic entry lasts before it is reported as expired */
  expiresAfterDays: number;
}

/** runs in the history, newest last: outcome codes without the edit marks */
function runsOf(history: History, id: string): string {
  return (history.tests[id]?.outcomes ?? '').split(FILE_CHANGED).join('');
}

/**
 * Tests flaky in at least `minFlaky` of their last `window` runs, not yet quarantined. Never a
 * test that failed its latest run: a test that now fails is a failure to fix, not a flake to hide.
 */
export function autoQuarantine(history: History, quarantine: Quarantine, o: AutoQuarantine, today: string): QuarantineEntry[] {
  const listed = new Set(quarantine.tests.map((e) => e.id));
  const entries: QuarantineEntry[] = [];
  for (const id of Object.keys(history.tests).sort()) {
    if (listed.has(id)) continue;
    const runs = runsOf(history, id).replaceAll('s', '');
    const recent = runs.slice(-o.window);
    const flaky = [...recent].filter((c) => c === 'k').length;
    if (flaky < o.minFlaky || runs.endsWith('f')) continue;
    entries.push({
      id,
      reason: `auto: flaky in ${flaky} of its last ${recent.length} runs`,
      added: today,
      score: Math.round(flakinessOf(history.tests[id]?.outcomes ?? '').score * 1000) / 1000,
      expires: addDays(today, o.expiresAfterDays),
    });
  }
  return entries;
}

/** Quarantined tests that passed cleanly (not flaky) in each of their last `cleanRuns` runs. */
export function prunable(history: History, quarantine: Quarantine, cleanRuns: number): string[] {
  return quarantine.tests
    .filter((e) => {
      const runs = runsOf(history, e.id).replaceAll('s', '');
      return runs.length >= cleanRuns && /^p+$/.test(runs.slice(-cleanRuns));
    })
    .map((e) => e.id);
}

/**
 * What the run says about the list: entries past their expiry date, and stale entries whose test
 * no longer exists: its file is gone, or its file ran in full and the test was not in it.
 */
export function reviewQuarantine(
  quarantine: Quarantine,
  o: { today: string; reported: ReadonlySet<string>; fullyRunFiles: ReadonlySet<string>; existingFiles: ReadonlySet<string> },
): { expired: QuarantineEntry[]; stale: QuarantineEntry[] } {
  const stale = quarantine.tests.filter((e) => {
    const file = fileOfTestId(e.id);
    return !o.existingFiles.has(file) || (o.fullyRunFiles.has(file) && !o.reported.has(e.id));
  });
  const expired = quarantine.tests.filter((e) => isExpired(e, o.today));
  return { expired, stale };
}
