import { resolve } from 'node:path';
import { positiveInt } from './numbers.js';
import type { UserConfig } from './options.js';
import { UsageError } from './usage-error.js';

/** The quarantine's settings: config `quarantine: {...}`, `--quarantine`, `--strict-quarantine`, `--auto-quarantine`. */
export interface QuarantineOptions {
  /** absolute path of the quarantine file */
  file: string;
  /** 'run': quarantined tests run, their failures do not fail the run; 'skip': they do not run */
  mode: 'run' | 'skip';
  /** an expired entry fails the run */
  strict: boolean;
  /** add tests that were flaky often enough to the file after the run */
  auto: boolean;
  minFlaky: number;
  window: number;
  expiresAfterDays: number;
  /** `ptest quarantine prune` releases tests that passed cleanly this many runs in a row */
  pruneAfter: number;
}

export const DEFAULT_QUARANTINE = 'ptest.quarantine.json';

export function parseQuarantineOptions(merged: UserConfig, root: string): QuarantineOptions {
  const q = merged.quarantine ?? {};
  if (q.mode !== undefined && q.mode !== 'run' && q.mode !== 'skip') throw new UsageError(`quarantine.mode: unknown mode '${q.mode}' (choose run, skip)`);
  const count = (value: number | undefined, key: string, fallback: number) => (value === undefined ? fallback : positiveInt(value, `quarantine.${key}`));
  return {
    file: resolve(root, merged.quarantineFile ?? q.file ?? DEFAULT_QUARANTINE),
    mode: q.mode ?? 'run',
    strict: merged.strictQuarantine === true,
    auto: merged.autoQuarantine === true,
    minFlaky: count(q.minFlaky, 'minFlaky', 2),
    window: count(q.window, 'window', 10),
    expiresAfterDays: count(q.expiresAfterDays, 'expiresAfterDays', 30),
    pruneAfter: count(q.pruneAfter, 'pruneAfter', 10),
  };
}

