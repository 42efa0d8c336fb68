#!/usr/bin/env node
// The compat benchmark: ptest and Vitest 4 timed side by side on the SAME Vitest-style suite
// (compat-suite.mjs: TypeScript files importing from 'vitest', vi.mock factories, spies, fake
// timers, it.each, stored and inline snapshots), under both pools of each. Every run must pass
// every test with CI set, and no snapshot may change. Writes COMPAT.md and results/<date>-compat.json.
// The timing, checks and output it shares with compat-jest.mjs are in compat-core.mjs.
//
//   node bench/compat.mjs [--runs N] [--workers N] [--ptest path/to/bin/ptest] [--quick]

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compatBench, compatResults, fmt, installed, measuredLine, ptestCount, reportCount as vitestCount,
  setUp, summarise, timeRunners, updateSnapshots, writeResults,
} from './compat-core.mjs';
import { generateCompatSuite } from './compat-suite.mjs';
import { packageBin } from './runners.mjs';

const bench = compatBench({ name: 'compat', doc: 'COMPAT.md', title: '# ptest and Vitest on the same Vitest suite' });
const { fail } = bench;

const vitestArgs = (dir, workers, report, pool) => [
  packageBin('vitest'), 'run', '--root', dir, '--config', join(dir, 'vitest.config.mjs'),
  '--pool', pool, '--maxWorkers', String(workers),
  '--reporter', 'dot', '--reporter', 'json', `--outputFile.json=${report}`,
];

/** Vitest threads first: it is the baseline of the ratios. ptest runs with its default --dist. */
function compatRunners(ptestBin) {
  const vitest = (pool) => ({
    id: `vitest-${pool}`,
    label: `vitest ${pool}`,
    command: ({ dir, workers, report }) => ({ args: vitestArgs(dir, workers, report, pool) }),
    count: vitestCount,
  });
  // under the suite's Vitest config ptest isolates every file by default, as Vitest does; the
  // --no-isolate row shows what reusing workers saves on a suite that does not need it
  const ptest = (pool, ...extra) => ({
    id: `ptest-${pool}${extra.length > 0 ? '-shared' : ''}`,
    label: `ptest ${pool}${extra.length > 0 ? ` ${extra.join(' ')}` : ''}`,
    command: ({ dir, workers, report }) => ({
      args: [ptestBin, '--root', dir, '-n', String(workers), '--pool', pool, ...extra, '--reporter', `json:${report}`],
    }),
    count: ptestCount,
  });
  return [vitest('threads'), vitest('forks'), ptest('threads'), ptest('forks'), ptest('threads', '--no-isolate')];
}

/**
 * Vitest writes the stored snapshots (compat-core.mjs), which also proves the suite passes on
 * Vitest; it must agree with every generated inline snapshot too (or it would rewrite the test file).
 */
function writeSnapshots(suite, workers, scratch) {
  const args = (report) => [...vitestArgs(suite.dir, workers, report, 'threads'), '-u'];
  updateSnapshots(bench, { tool: 'vitest', args, count: vitestCount, suite, scratch });
  for (const f of suite.files) {
    if (readFileSync(join(suite.dir, f.path), 'utf8') !== f.content) fail(`vitest -u rewrote ${f.path} (an inline snapshot it disagrees with)`, 1);
    if (!existsSync(join(suite.dir, '__snapshots__', `${f.path}.snap`))) fail(`vitest -u wrote no __snapshots__/${f.path}.snap`, 1);
  }
}

async function main() {
  const opts = bench.parseArgs(process.argv.slice(2));
  const { suite, scratch, machine, loadBefore } = setUp(bench, opts, {
    requires: () => installed('vitest') || fail('Vitest is not installed: npm ci --prefix bench', 3),
    generate: generateCompatSuite,
  });
  const runners = compatRunners(opts.ptest);
  writeSnapshots(suite, opts.workers, scratch);
  const { samples, snapshots } = await timeRunners(bench, { runners, suite, opts, scratch, testDir: '', suffix: '.test.ts', labelWidth: 15 });

  const cells = summarise(runners, samples, 'vitest-threads');
  const results = compatResults(bench, { machine, opts, loadBefore, suite, snapshots, runners, cells, samples });
  const lines = [
    measuredLine(machine, opts, 'Vitest'),
    '',
    `The suite: ${suite.fileCount} TypeScript test files, ${suite.testCount} tests, ${snapshots} stored snapshot files ` +
      `(written once by \`vitest run -u\`) and ${suite.fileCount} inline snapshots, ${fmt(suite.sleepMs)} of real sleeps in all.`,
    '',
    '| runner | median wall | ratio vs vitest threads | tests passed |',
    '| --- | ---: | ---: | ---: |',
    ...runners.map((r) => {
      const c = cells[r.id];
      return `| ${r.label} | ${fmt(c.medianMs)} | ${c.ratio.toFixed(2)} | ${c.minPassed} / ${suite.testCount} in every run |`;
    }),
    '',
    'Wall time is the whole command, from spawn to exit, with `CI=1` (a missing snapshot fails). Every runner ran the same ' +
      'files in the same invocation, one process at a time, repetitions interleaved round-robin; ptest reads the suite\'s ' +
      '`vitest.config.mjs` and plans from the duration history its warm-up wrote (deleted before the warm-ups). Every run passed ' +
      'every test, and no snapshot (stored or inline) changed. Reproduce with `npm run bench:compat`.',
  ];
  writeResults(bench, { machine, opts, results, table: lines.join('\n') });
}

await main();
