import type { FakeTimerSettings } from '../model/compat.js';
import { isRecord, keyPath, type Mapping } from './foreign-shared.js';

/**
 * The config's fake timers. Jest 28+: `fakeTimers: { enableGlobally, legacyFakeTimers,
 * advanceTimers, doNotFake, now, timerLimit }`, where `enableGlobally` starts every file with fake
 * timers and the rest are what every `jest.useFakeTimers()` starts from; Jest 27 and older:
 * `timers: 'fake' | 'modern' | 'legacy' | 'real'`. Vitest: `fakeTimers`, what every
 * `vi.useFakeTimers()` starts from. Options ptest does not know are listed as ignored.
 */
const JEST_OPTIONS = ['legacyFakeTimers', 'advanceTimers', 'doNotFake', 'now', 'timerLimit'];
const VITEST_OPTIONS = ['now', 'toFake', 'loopLimit', 'shouldAdvanceTime', 'advanceTimeDelta', 'shouldClearNativeTimers'];

export function mapJestFakeTimers(key: string, value: unknown, path: string, m: Mapping): void {
  if (key === 'timers') {
    if (value === 'fake' || value === 'modern' || value === 'legacy') m.set('fakeTimers', { global: true, options: value === 'legacy' ? { legacyFakeTimers: true } : {} }, path);
    else if (value !== 'real') m.ignore(path);
    return;
  }
  const mapped = options(value, path, m, [...JEST_OPTIONS, 'enableGlobally']);
  if (!mapped) return;
  const { enableGlobally, ...rest } = mapped;
  m.set('fakeTimers', { global: enableGlobally === true, options: rest }, path);
}

export function mapVitestFakeTimers(value: unknown, path: string, m: Mapping): void {
  const mapped = options(value, path, m, VITEST_OPTIONS);
  if (mapped) m.set('fakeTimers', { global: false, options: mapped } satisfies FakeTimerSettings, path);
}

function options(value: unknown, path: string, m: Mapping, known: readonly string[]): Record<string, unknown> | undefined {
  if (!isRecord(value)) return void m.ignore(path);
  const kept: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (known.includes(k)) kept[k] = v;
    else m.ignore(keyPath(path, k));
  }
  return kept;
}
