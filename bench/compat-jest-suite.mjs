#!/usr/bin/env node
// The suite of the Jest compat benchmark (compat-jest.mjs): a CommonJS Jest 30 suite written as a
// Jest user writes it, run unchanged by Jest and ptest. Three files in four are React component
// tests under jsdom (the config's testEnvironment) with Testing Library; the fourth is a
// `@jest-environment node` file rendering on the server. Every file requires real packages from
// bench/node_modules (react, react-dom, @testing-library/react, lodash), mocks a local module with
// a factory (reached through a real module that requires it), spies, uses fake timers, a test.each
// table, a stored snapshot, a matcher from the config's setup file and a few real 10-30 ms awaits.
// No transform is configured, so Jest applies its default babel-jest; the files need nothing from it
// but the hoisting of jest.mock, and are written with the calls on top anyway. The async component
// tests await the mocked request inside act(), not with findAllByRole: that let React's scheduler
// outlive the file under ptest, a bug (COMPAT-JEST.md). Seeded: the same files on every machine; a
// file is only rewritten when its content changes.
//
//   node bench/compat-jest-suite.mjs [--files N] [--out DIR]

import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG, KINDS, SETUP, apiSource, literal, reportSource, widgetSource } from './compat-jest-modules.mjs';
import { BENCH_DIR, writeIfChanged } from './generate.mjs';
import { prng } from './scenarios.mjs';

/** One test file of either kind; returns its source, how many tests it declares and its real sleeps. */
function testSource(id, node, rand) {
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const entriesOf = (k, tag) => Array.from({ length: k }, (_, j) => ({ name: `${tag}${j}`, kind: KINDS[int(0, 2)], points: int(1, 99) + j * 100 }));
  const rows = Array.from({ length: int(3, 5) }, (_, r) => entriesOf(int(1, 4), `r${r}`));
  const table = rows.map((entries) => {
    const total = entries.reduce((s, e) => s + e.points, 0);
    return `    [${literal(entries)}, ${total}, ${new Set(entries.map((e) => e.kind)).size}],`;
  });
  const each = `  test.each([
${table.join('\n')}
  ])('summarize(%j) totals %i over %i kinds', (entries, total, kinds) => {
    const summary = summarize(entries);
    expect(summary.total).toBe(total);
    expect(summary.kinds).toHaveLength(kinds);
  });`;
  const sleeps = Array.from({ length: int(1, 3) }, () => int(10, 30));
  const card = entriesOf(int(2, 4), `item-${id}-`);
  const clicks = int(1, 5), every = int(2, 9) * 100, delay = int(2, 8) * 50;
  const mock = `jest.mock('../src/api-${id}', () => ({
  SOURCE: 'mock',
  fetchItems: jest.fn((query) => Promise.resolve([\`\${query}-b\`, \`\${query}-a\`])),
  track: jest.fn(),
}));`;
  const tests = table.length + sleeps.length + (node ? 5 : 7);
  const source = node
    ? `/**
 * @jest-environment node
 */
'use strict';
${mock}

const _ = require('lodash');
const api = require('../src/api-${id}');
const { loadReport, poll, renderReport, summarize } = require('../src/report-${id}');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const ENTRIES = ${literal(card)};

describe('report ${id} with a mocked api', () => {
  test('runs without a DOM and gets the module from the factory', () => {
    expect(typeof document).toBe('undefined');
    expect(api.SOURCE).toBe('mock');
    expect(jest.isMockFunction(api.fetchItems)).toBe(true);
  });

  test('loads a report through the mocked api', async () => {
    api.fetchItems.mockResolvedValueOnce(ENTRIES);
    await expect(loadReport('r${id}')).resolves.toEqual(summarize(ENTRIES));
    expect(api.track).toHaveBeenCalledWith('report', { id: 'r${id}', entries: ${card.length} });
  });

  test('sums the points with lodash, as a spy sees', () => {
    const sumBy = jest.spyOn(_, 'sumBy');
    expect(summarize(ENTRIES).total).toBeWithinRange(1, ${card.length * 400});
    expect(sumBy).toHaveBeenCalledTimes(1);
    sumBy.mockRestore();
  });

${each}
});

describe('fake timers', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  test('polls until the check passes', () => {
    jest.useFakeTimers();
    const check = jest.fn().mockReturnValueOnce(false).mockReturnValueOnce(false).mockReturnValue(true);
    poll(check, ${every});
    jest.advanceTimersByTime(${every * 5});
    expect(check).toHaveBeenCalledTimes(3);
    expect(jest.getTimerCount()).toBe(0);
  });
});

describe('server rendering', () => {
  test('matches the stored markup', () => {
    expect(renderReport('Report ${id}', ENTRIES)).toMatchSnapshot();
  });
});

describe('real time', () => {
${sleeps.map((ms) => `  test('answers after ${ms} ms', async () => {
    api.fetchItems.mockImplementationOnce((id) => sleep(${ms}).then(() => [{ name: id, kind: 'alpha', points: ${ms} }]));
    await expect(loadReport('late')).resolves.toEqual({ total: ${ms}, kinds: ['alpha'], largest: 'late' });
  });`).join('\n\n')}
});
`
    : `'use strict';
${mock}

const React = require('react');
const { act, fireEvent, render, screen } = require('@testing-library/react');
const api = require('../src/api-${id}');
const { Card, Counter, SearchBox, Ticker, summarize } = require('../src/widget-${id}');

const h = React.createElement;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Counter ${id}', () => {
  test('counts ${clicks} clicks', () => {
    render(h(Counter, { label: 'Clicks ${id}', storageKey: 'clicks-${id}' }));
    for (let i = 0; i < ${clicks}; i++) fireEvent.click(screen.getByRole('button'));
    expect(screen.getByRole('button').textContent).toBe('Clicks ${id}: ${clicks}');
  });

  test('saves the count in localStorage', () => {
    const setItem = jest.spyOn(Storage.prototype, 'setItem');
    render(h(Counter, { label: 'Saved', storageKey: 'saved-${id}' }));
    fireEvent.click(screen.getByRole('button'));
    expect(setItem).toHaveBeenCalledWith('saved-${id}', '1');
    expect(window.localStorage.getItem('saved-${id}')).toBe('1');
    setItem.mockRestore();
  });

  test('warns without a label', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    render(h(Counter, { storageKey: 'unnamed-${id}' }));
    expect(warn).toHaveBeenCalledWith('Counter ${id}: no label');
    warn.mockRestore();
  });

${each}
});

describe('SearchBox with a mocked api', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  test('gets the module from the factory', () => {
    expect(api.SOURCE).toBe('mock');
    expect(jest.isMockFunction(api.track)).toBe(true);
  });

  test('debounces typing by ${delay} ms under fake timers', () => {
    jest.useFakeTimers();
    render(h(SearchBox, { delay: ${delay} }));
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'ab' } });
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'abc' } });
    act(() => {
      jest.advanceTimersByTime(${delay - 1});
    });
    expect(api.track).not.toHaveBeenCalled();
    act(() => {
      jest.advanceTimersByTime(1);
    });
    expect(api.track).toHaveBeenCalledTimes(1);
    expect(api.track).toHaveBeenCalledWith('typed', { query: 'abc' });
    expect(screen.getByRole('status').textContent).toBe('searching for abc');
  });

  test('ticks every ${every} ms under fake timers', () => {
    jest.useFakeTimers();
    render(h(Ticker, { every: ${every} }));
    act(() => {
      jest.advanceTimersByTime(${every * 4});
    });
    expect(screen.getByText('elapsed 4')).toBeTruthy();
  });

${sleeps.map((ms, k) => `  test('lists what the api found after ${ms} ms', async () => {
    api.fetchItems.mockImplementationOnce((query) => sleep(${ms}).then(() => [\`\${query}-z\`, \`\${query}-m\`]));
    render(h(SearchBox, { delay: 100, initialQuery: 'q${k}' }));
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await act(() => api.fetchItems.mock.results[0].value);
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['q${k}-m', 'q${k}-z']);
    expect(api.fetchItems).toHaveBeenCalledWith('q${k}');
  });`).join('\n\n')}
});

describe('Card', () => {
  test('matches the stored snapshot', () => {
    const { asFragment } = render(h(Card, { title: 'Card ${id}', entries: ${literal(card)} }));
    expect(asFragment()).toMatchSnapshot();
  });
});
`;
  return { source, tests, sleepMs: sleeps.reduce((a, b) => a + b, 0) };
}

/**
 * Writes the suite into `out`; returns { dir, fileCount, nodeFiles, testCount, sleepMs, files },
 * `files` being each test file's path relative to `out` and its generated content.
 */
export function generateCompatJestSuite({ out = join(BENCH_DIR, '.suites', 'compat-jest', 'full'), files = 60, seed = 20240716 } = {}) {
  const rand = prng(seed);
  const width = String(files).length;
  for (const sub of ['src', 'test']) mkdirSync(join(out, sub), { recursive: true });
  const wanted = new Map([
    ['package.json', JSON.stringify({ name: 'bench-compat-jest', private: true }, null, 2) + '\n'],
    ['jest.config.js', CONFIG],
    ['test/setup.js', SETUP],
  ]);
  const testFiles = [];
  let testCount = 0, sleepMs = 0, nodeFiles = 0;
  for (let n = 0; n < files; n++) {
    const id = String(n).padStart(width, '0');
    const node = n % 4 === 3;
    const t = testSource(id, node, rand);
    wanted.set(`src/api-${id}.js`, apiSource(id));
    wanted.set(node ? `src/report-${id}.js` : `src/widget-${id}.js`, (node ? reportSource : widgetSource)(id));
    wanted.set(`test/file-${id}.test.js`, t.source);
    testFiles.push({ path: `test/file-${id}.test.js`, content: t.source });
    testCount += t.tests;
    sleepMs += t.sleepMs;
    nodeFiles += node ? 1 : 0;
  }
  for (const [path, content] of wanted) writeIfChanged(join(out, path), content);
  // a smaller --files than last time leaves no stray test files (or their modules) behind
  for (const sub of ['src', 'test']) {
    for (const entry of readdirSync(join(out, sub))) {
      if (/\.js$/.test(entry) && !wanted.has(`${sub}/${entry}`)) rmSync(join(out, sub, entry));
    }
  }
  const snapDir = join(out, 'test', '__snapshots__');
  for (const entry of existsSync(snapDir) ? readdirSync(snapDir) : []) {
    if (!wanted.has(`test/${entry.replace(/\.snap$/, '')}`)) rmSync(join(snapDir, entry));
  }
  return { dir: out, fileCount: files, nodeFiles, testCount, sleepMs, files: testFiles };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const opt = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const s = generateCompatJestSuite({ out: opt('--out'), files: opt('--files') ? Number(opt('--files')) : undefined });
  console.log(`compat-jest suite: ${s.fileCount} files (${s.nodeFiles} node), ${s.testCount} tests, ${(s.sleepMs / 1000).toFixed(2)} s of real sleeps in ${s.dir}`);
}
