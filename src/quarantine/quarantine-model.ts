/**
 * The quarantine list as plain data (`ptest.quarantine.json`, meant to be committed): tests whose
 * failures are known flakes, each with who owns it, why, and until when. Pure: the file lives in
 * quarantine-store.ts, the decisions in quarantine-policy.ts.
 */
export const QUARANTINE_SCHEMA = 'ptest-quarantine/1';

export interface QuarantineEntry {
  id: string;
  reason: string;
  /** YYYY-MM-DD */
  added: string;
  /** the test's flip rate when it was added, if known */
  score?: number;
  owner?: string;
  /** a link to the issue that tracks the fix */
  ticket?: string;
  /** YYYY-MM-DD: from this day on the entry is expired */
  expires?: string;
}

export interface Quarantine {
  schema: typeof QUARANTINE_SCHEMA;
  tests: QuarantineEntry[];
}

export function emptyQuarantine(): Quarantine {
  return { schema: QUARANTINE_SCHEMA, tests: [] };
}

/** Entries by id, sorted, one per id (a later entry for the same id replaces the earlier). */
export function withEntries(quarantine: Quarantine, add: readonly QuarantineEntry[], remove: readonly string[] = []): Quarantine {
  const byId = new Map(quarantine.tests.map((e) => [e.id, e]));
  for (const id of remove) byId.delete(id);
  for (const entry of add) byId.set(entry.id, entry);
  return { schema: QUARANTINE_SCHEMA, tests: [...byId.values()].sort((a, b) => a.id.localeCompare(b.id)) };
}

/**
 * Checks a parsed file; returns the problem in words (naming the entry) or the quarantine. Unknown
 * fields are refused rather than ignored: in a hand-edited file they are usually typos.
 */
export function parseQuarantine(value: unknown): Quarantine | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected a JSON object';
  const { schema, tests } = value as Record<string, unknown>;
  if (schema !== QUARANTINE_SCHEMA) return `"schema" must be "${QUARANTINE_SCHEMA}"`;
  if (!Array.isArray(tests)) return '"tests" must be a list';
  const entries: QuarantineEntry[] = [];
  for (const [i, raw] of tests.entries()) {
    const problem = entryProblem(raw);
    if (problem) return `tests[${i}]: ${problem}`;
    entries.push(raw as QuarantineEntry);
  }
  return withEntries(emptyQuarantine(), entries);
}

const FIELDS = new Set(['id', 'reason', 'added', 'score', 'owner', 'ticket', 'expires']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function entryProblem(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'expected an object';
  const e = raw as Record<string, unknown>;
  const unknown = Object.keys(e).find((k) => !FIELDS.has(k));
  if (unknown) return `unknown field "${unknown}"`;
  if (typeof e.id !== 'string' || e.id === '') return '"id" must be a test id';
  if (typeof e.reason !== 'string') return `${e.id}: "reason" must be text`;
  for (const key of ['added', 'expires'] as const) {
    if ((key === 'added' || e[key] !== undefined) && !(typeof e[key] === 'string' && DATE.test(e[key]))) return `${e.id}: "${key}" must be a date (YYYY-MM-DD)`;
  }
  for (const key of ['owner', 'ticket'] as const) if (e[key] !== undefined && typeof e[key] !== 'string') return `${e.id}: "${key}" must be text`;
  if (e.score !== undefined && (typeof e.score !== 'number' || e.score < 0 || e.score > 1)) return `${e.id}: "score" must be a number from 0 to 1`;
  return undefined;
}

export function isExpired(entry: QuarantineEntry, today: string): boolean {
  return entry.expires !== undefined && entry.expires <= today;
}

/** YYYY-MM-DD of a date, in UTC (the same day on every CI machine) */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
}
