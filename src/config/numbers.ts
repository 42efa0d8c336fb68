import { UsageError } from './usage-error.js';

/** Whole-number flags and config values, with the one-line usage error that names them. */
export function positiveInt(value: number | string, flag: string, expected = 'a whole number above 0'): number {
  return wholeAtLeast(value, 1, flag, expected);
}

export function wholeNumber(value: number | string, flag: string): number {
  return wholeAtLeast(value, 0, flag, 'a whole number (0 or more)');
}

function wholeAtLeast(value: number | string, min: number, flag: string, expected: string): number {
  const n = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag}: expected ${expected}, got '${value}'`);
  return n;
}
