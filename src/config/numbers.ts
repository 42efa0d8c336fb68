import { UsageError } from './usage-error.js';

/** Whole-number flags and config values, with the one-line usage error that names them. */
export function positiveInt(value: number | string, flag: string, expected = 'a whole number above 0'): number {
  const n = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag}: expected ${expected}, got '${value}'`);
  return n;
}

export function wholeNumber(value: number | string, flag: string): number {
  const n = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag}: expected a whole number (0 or more), got '${value}'`);
  return n;
}
