import type { Options } from '../config/options.js';
import { UsageError } from '../config/usage-error.js';
import { flakinessOf } from '../history/flakiness.js';
import { emptyHistory } from '../history/history-model.js';
import { loadHistory } from '../history/history-store.js';
import { ExitCode } from '../model/exit-codes.js';
import { addDays, dayOf, isExpired, type QuarantineEntry } from '../quarantine/quarantine-model.js';
import { prunable } from '../quarantine/quarantine-policy.js';
import { loadQuarantine, updateQuarantine } from '../quarantine/quarantine-store.js';

/** `ptest quarantine list | add <id> | remove <id> | prune`: the quarantine file by hand. */
export type QuarantineAction = { kind: 'list' } | { kind: 'prune' } | { kind: 'remove'; id: string } | { kind: 'add'; id: string; reason?: string; owner?: string; ticket?: string; expires?: string };

export interface CommandIO {
  write: (line: string) => void;
  warn: (line: string) => void;
  now: Date;
}

export async function quarantineCommand(action: QuarantineAction, options: Options, io: CommandIO): Promise<ExitCode> {
  const { file, pruneAfter } = options.quarantine;
  const today = dayOf(io.now);
  const history = options.history ? await loadHistory(options.history, io.warn) : emptyHistory();
  const list = await loadQuarantine(file);
  switch (action.kind) {
    case 'list': {
      if (list.tests.length === 0) io.write(`ptest: nothing is quarantined (${file})`);
      for (const entry of list.tests) {
        const outcomes = history.tests[entry.id]?.outcomes;
        const flips = outcomes ? `flip rate ${Math.round(flakinessOf(outcomes).score * 100)}%` : '';
        const expiry = entry.expires ? `${isExpired(entry, today) ? 'EXPIRED' : 'expires'} ${entry.expires}` : '';
        const details = [`added ${entry.added}`, expiry, entry.owner ? `owner ${entry.owner}` : '', entry.ticket ?? '', flips, entry.reason].filter(Boolean);
        io.write(`${entry.id}\n    ${details.join(' · ')}`);
      }
      return ExitCode.passed;
    }
    case 'add': {
      const outcomes = history.tests[action.id]?.outcomes;
      const entry: QuarantineEntry = {
        id: action.id,
        reason: action.reason ?? 'quarantined by hand',
        added: today,
        ...(outcomes ? { score: Math.round(flakinessOf(outcomes).score * 1000) / 1000 } : {}),
        ...(action.owner ? { owner: action.owner } : {}),
        ...(action.ticket ? { ticket: action.ticket } : {}),
        ...(action.expires ? { expires: expiryDay(action.expires, today) } : {}),
      };
      if (!outcomes) io.warn(`ptest: note: '${action.id}' is not in the history yet (a typo in the id?)`);
      await updateQuarantine(file, [entry], []);
      io.write(`ptest: quarantined '${action.id}' in ${file}`);
      return ExitCode.passed;
    }
    case 'remove': {
      if (!list.tests.some((e) => e.id === action.id)) throw new UsageError(`quarantine remove: '${action.id}' is not in ${file}`);
      await updateQuarantine(file, [], [action.id]);
      io.write(`ptest: released '${action.id}' from ${file}`);
      return ExitCode.passed;
    }
    case 'prune': {
      if (!options.history) throw new UsageError('quarantine prune: it decides from the history; do not pass --no-history');
      const released = prunable(history, list, pruneAfter);
      if (released.length > 0) await updateQuarantine(file, [], released);
      for (const id of released) io.write(`ptest: released '${id}': passed cleanly in each of its last ${pruneAfter} runs`);
      if (released.length === 0) io.write(`ptest: nothing to release: no quarantined test passed cleanly in each of its last ${pruneAfter} runs`);
      return ExitCode.passed;
    }
  }
}

/** `--expires 2026-12-31` or `--expires 30d` (days from today) */
function expiryDay(value: string, today: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))) return value;
  const days = /^(\d+)d$/.exec(value)?.[1];
  if (days) return addDays(today, Number(days));
  throw new UsageError(`--expires: expected a date (YYYY-MM-DD) or a number of days (30d), got '${value}'`);
}
