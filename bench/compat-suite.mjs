#!/usr/bin/env node
// The suite of the compat benchmark (compat.mjs): test files written as a Vitest user writes
// them, in TypeScript, run unchanged by both ptest and Vitest. Each file mocks a local module with
// a factory (and reaches it through a real module that imports it), spies, uses fake timers, an
// it.each table with printf names, a stored and an inline snapshot, and awaits a few real timers.
// Seeded: the same files on every run and machine. Files are only rewritten when their content
// changes, so ptest's bundle cache and Vitest's caches stay valid between runs.
//
//   node bench/compat-suite.mjs [--files N] [--out DIR]

import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_DIR, writeIfChanged } from './generate.mjs';
import { prng } from './scenarios.mjs';

const CURRENCIES = [
  ['EUR', 2],
  ['GBP', 3],
  ['USD', 1],
  ['JPY', 1],
];

/** The module every test file mocks: its real functions throw, so a mock that did not apply fails loudly. */
const depSource = (id) => `// The real dependency of service-${id}: the tests replace it with vi.mock's factory.
export const SOURCE: 'live' | 'mock' = 'live';

export function fetchRate(currency: string): number {
  throw new Error(\`dep-${id}: the real fetchRate(\${currency}) ran; the mock did not apply\`);
}

export function audit(event: string, detail: Record<string, unknown>): void {
  throw new Error(\`dep-${id}: the real audit(\${event}, \${JSON.stringify(detail)}) ran; the mock did not apply\`);
}
`;

/** The module under test: real code importing the mocked one, as an app's module would. */
const serviceSource = (id) => `import { audit, fetchRate } from './dep-${id}.ts';

export interface Line {
  sku: string;
  qty: number;
  price: number;
}

export function quote(amount: number, currency: string): number {
  const rate = fetchRate(currency);
  audit('quote', { amount, currency });
  return amount * rate;
}

export function total(lines: readonly Line[]): number {
  return lines.reduce((sum, line) => sum + line.qty * line.price, 0);
}

export function summary(lines: readonly Line[]) {
  return { count: lines.length, total: total(lines), skus: lines.map((line) => line.sku) };
}

export function schedule(callback: (tag: string) => void, ms: number): ReturnType<typeof setTimeout> {
  return setTimeout(() => callback('tick-${id}'), ms);
}
`;

/** One test file; returns its source and how many tests it declares. */
function testSource(id, n, rand) {
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const lines = Array.from({ length: int(2, 4) }, (_, k) => ({ sku: `S${n}-${k}`, qty: int(1, 9), price: int(1, 50) }));
  // distinct amounts: every row gets a test name of its own
  const amounts = new Set();
  while (amounts.size < int(3, 5)) amounts.add(int(1, 500));
  const rows = [...amounts].map((amount) => {
    const [currency, rate] = CURRENCIES[int(0, CURRENCIES.length - 1)];
    return `    [${amount}, '${currency}', ${amount * rate}],`;
  });
  const delay = int(200, 900);
  const sleeps = Array.from({ length: int(1, 3) }, () => int(10, 30));
  const tests = 3 + rows.length + 2 + 2 + 2 + sleeps.length;
  const source = `import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SOURCE, audit, fetchRate } from './lib/dep-${id}.ts';
import { quote, schedule, summary, type Line } from './lib/service-${id}.ts';

vi.mock('./lib/dep-${id}.ts', () => ({
  SOURCE: 'mock',
  fetchRate: vi.fn((currency: string) => (currency === 'EUR' ? 2 : currency === 'GBP' ? 3 : 1)),
  audit: vi.fn(),
}));

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const LINES: Line[] = [
${lines.map((l) => `  { sku: '${l.sku}', qty: ${l.qty}, price: ${l.price} },`).join('\n')}
];

describe('service ${id} with a mocked dependency', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('gets the module from the factory', () => {
    expect(SOURCE).toBe('mock');
    expect(vi.isMockFunction(fetchRate)).toBe(true);
  });

  it('quotes through the mocked rate', () => {
    expect(quote(100, 'EUR')).toBe(200);
    expect(fetchRate).toHaveBeenCalledWith('EUR');
    expect(audit).toHaveBeenCalledWith('quote', { amount: 100, currency: 'EUR' });
  });

  it('starts every test with cleared mocks', () => {
    expect(fetchRate).not.toHaveBeenCalled();
    vi.mocked(fetchRate).mockReturnValueOnce(10);
    expect(quote(3, 'USD')).toBe(30);
    expect(quote(3, 'USD')).toBe(3);
  });

  it.each([
${rows.join('\n')}
  ])('quote(%i, %s) is %i', (amount, currency, expected) => {
    expect(quote(amount, currency)).toBe(expected);
    expect(audit).toHaveBeenCalledOnce();
  });
});

describe('spies', () => {
  it('spies on a method and restores it', () => {
    const ledger = { record: (value: number) => value * 2 };
    const spy = vi.spyOn(ledger, 'record');
    expect(ledger.record(${n + 1})).toBe(${(n + 1) * 2});
    expect(spy).toHaveBeenCalledWith(${n + 1});
    spy.mockReturnValue(0);
    expect(ledger.record(1)).toBe(0);
    spy.mockRestore();
    expect(ledger.record(1)).toBe(2);
  });

  it('records the calls of a vi.fn', () => {
    const next = vi.fn((value: number) => value + 1);
    expect([1, 2, 3].map((value) => next(value))).toEqual([2, 3, 4]);
    expect(next).toHaveBeenCalledTimes(3);
    expect(next).toHaveBeenLastCalledWith(3);
  });
});

describe('fake timers', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires the scheduled callback when its time comes', () => {
    const done = vi.fn();
    schedule(done, ${delay});
    vi.advanceTimersByTime(${delay - 1});
    expect(done).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(done).toHaveBeenCalledWith('tick-${id}');
  });

  it('counts the ticks of an interval', () => {
    const tick = vi.fn();
    const timer = setInterval(tick, 100);
    vi.advanceTimersByTime(1000);
    clearInterval(timer);
    expect(tick).toHaveBeenCalledTimes(10);
  });
});

describe('snapshots', () => {
  it('matches the stored summary', () => {
    expect(summary(LINES)).toMatchSnapshot();
  });

  it('matches an inline snapshot', () => {
    expect({ file: ${n}, source: SOURCE }).toMatchInlineSnapshot(\`
      {
        "file": ${n},
        "source": "mock",
      }
    \`);
  });
});

describe('real time', () => {
${sleeps
  .map(
    (ms) => `  it('answers after ${ms} ms', async () => {
    await sleep(${ms});
    expect(quote(1, 'GBP')).toBe(3);
  });`,
  )
  .join('\n\n')}
});
`;
  return { source, tests, sleepMs: sleeps.reduce((a, b) => a + b, 0) };
}

/**
 * Writes the suite into `out` and returns { dir, fileCount, testCount, sleepMs, files }, `files`
 * being each test file's path relative to `out` and its generated content (compat.mjs checks that
 * no runner rewrote one: an inline snapshot Vitest disagreed with would be).
 */
export function generateCompatSuite({ out = join(BENCH_DIR, '.suites', 'compat', 'full'), files = 60, seed = 20240715 } = {}) {
  const rand = prng(seed);
  const width = String(files).length;
  mkdirSync(join(out, 'lib'), { recursive: true });
  const wanted = new Map([
    ['package.json', JSON.stringify({ name: 'bench-compat', private: true, type: 'module' }, null, 2) + '\n'],
    // Vitest looks for a config upwards from its root: this one stops it at the suite.
    ['vitest.config.mjs', "export default { test: { include: ['**/*.test.ts'] } };\n"],
  ]);
  const testFiles = [];
  let testCount = 0, sleepMs = 0;
  for (let n = 0; n < files; n++) {
    const id = String(n).padStart(width, '0');
    const t = testSource(id, n, rand);
    wanted.set(`lib/dep-${id}.ts`, depSource(id));
    wanted.set(`lib/service-${id}.ts`, serviceSource(id));
    wanted.set(`file-${id}.test.ts`, t.source);
    testFiles.push({ path: `file-${id}.test.ts`, content: t.source });
    testCount += t.tests;
    sleepMs += t.sleepMs;
  }
  for (const [path, content] of wanted) writeIfChanged(join(out, path), content);
  // a smaller --files than last time leaves no stray test files (or their modules) behind
  for (const sub of ['', 'lib']) {
    for (const entry of readdirSync(join(out, sub))) {
      const path = sub ? `${sub}/${entry}` : entry;
      if (/\.ts$/.test(entry) && !wanted.has(path)) rmSync(join(out, path));
    }
  }
  const snapDir = join(out, '__snapshots__');
  for (const entry of existsSync(snapDir) ? readdirSync(snapDir) : []) {
    if (!wanted.has(entry.replace(/\.snap$/, ''))) rmSync(join(snapDir, entry));
  }
  return { dir: out, fileCount: files, testCount, sleepMs, files: testFiles };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const opt = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const s = generateCompatSuite({ out: opt('--out'), files: opt('--files') ? Number(opt('--files')) : undefined });
  console.log(`compat suite: ${s.fileCount} files, ${s.testCount} tests, ${(s.sleepMs / 1000).toFixed(2)} s of real sleeps in ${s.dir}`);
}
