#!/usr/bin/env node
// The Jest compat benchmark: ptest and Jest 30 timed side by side on the SAME Jest suite
// (compat-jest-suite.mjs: CommonJS files with React and Testing Library under jsdom, some under
// node, jest.mock factories, spies, fake timers, test.each, stored snapshots), ptest under each
// --isolate mode. Every run of Jest and of ptest in each --isolate mode must pass every test
// with CI set, and no snapshot may change. Writes COMPAT-JEST.md and results/<date>-compat-jest.json.
// The timing, checks and output it shares with compat.mjs are in compat-core.mjs.
//
//   node bench/compat-jest.mjs [--runs N] [--workers N] [--ptest path/to/bin/ptest] [--quick]

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compatBench, compatResults, fmt, installed, measuredLine, ptestCount, reportCount as jestCount,
  setUp, summarise, timeRunners, updateSnapshots, writeResults,
} from './compat-core.mjs';
import { generateCompatJestSuite } from './compat-jest-suite.mjs';
import { packageBin } from './runners.mjs';

const bench = compatBench({ name: 'compat-jest', doc: 'COMPAT-JEST.md', title: '# ptest and Jest on the same Jest suite' });
const { fail } = bench;

const jestArgs = (dir, workers, report) => [
  packageBin('jest'), '--config', join(dir, 'jest.config.js'), `--maxWorkers=${workers}`, '--json', `--outputFile=${report}`,
];

/**
 * Jest first: it is the baseline of the ratios. ptest reads the suite's jest.config.js, so its
 * default is --isolate modules.
 */
function compatRunners(ptestBin) {
  const ptest = (id, label, extra, reference = false) => ({
    id,
    label,
    reference,
    command: ({ dir, workers, report }) => ({ args: [ptestBin, '--root', dir, '-n', String(workers), ...extra, '--reporter', `json:${report}`] }),
    count: ptestCount,
  });
  return [
    { id: 'jest', label: 'jest', reference: false, command: ({ dir, workers, report }) => ({ args: jestArgs(dir, workers, report) }), count: jestCount },
    ptest('ptest-modules', 'ptest (--isolate modules)', []),
    ptest('ptest-worker', 'ptest --isolate worker', ['--isolate', 'worker']),
    // Shares packages between files: one jsdom window per worker, emptied between files, and the
    // root hooks packages registered (Testing Library's cleanup) again for each file. Must pass too.
    ptest('ptest-none', 'ptest --no-isolate', ['--no-isolate']),
  ];
}

/** Jest writes the stored snapshots (compat-core.mjs), which also proves the suite passes on Jest. */
function writeSnapshots(suite, workers, scratch) {
  const args = (report) => [...jestArgs(suite.dir, workers, report), '--ci=false', '-u'];
  updateSnapshots(bench, { tool: 'jest', args, count: jestCount, suite, scratch });
  for (const f of suite.files) {
    if (readFileSync(join(suite.dir, f.path), 'utf8') !== f.content) fail(`jest -u rewrote ${f.path}`, 1);
    if (!existsSync(join(suite.dir, 'test', '__snapshots__', `${f.path.slice('test/'.length)}.snap`))) fail(`jest -u wrote no snapshot for ${f.path}`, 1);
  }
}

async function main() {
  const opts = bench.parseArgs(process.argv.slice(2));
  const { suite, scratch, machine, loadBefore } = setUp(bench, opts, {
    requires: () => {
      for (const pkg of ['jest', 'jest-environment-jsdom', '@testing-library/react']) {
        if (!installed(pkg)) fail(`${pkg} is not installed: npm ci --prefix bench`, 3);
      }
    },
    generate: generateCompatJestSuite,
    files: (suite) => `${suite.fileCount} files (${suite.nodeFiles} node)`,
  });
  const runners = compatRunners(opts.ptest);
  writeSnapshots(suite, opts.workers, scratch);
  const { samples, snapshots } = await timeRunners(bench, {
    runners, suite, opts, scratch, testDir: 'test', suffix: '.test.js', labelWidth: 26, cpu: true,
  });

  const cells = summarise(runners, samples, 'jest', { cpu: true });
  const cpuBase = cells.jest.cpuMs;
  const results = compatResults(bench, { machine, opts, loadBefore, suite, snapshots, runners, cells, samples });
  const loadAfter = results.loadavg.after;
  const passedCell = (r, c) =>
    `${c.maxPassed === undefined || c.minPassed === c.maxPassed ? `${c.minPassed} / ${suite.testCount} in every run` : `${c.minPassed}-${c.maxPassed} / ${suite.testCount}`}` +
    `${r.reference && c.minPassed < suite.testCount ? ' (a reference only: see below)' : ''}`;
  const load = (l) => l.map((x) => x.toFixed(2)).join(', ');
  const lines = [
    measuredLine(machine, opts, 'Jest'),
    '',
    `The suite: ${suite.fileCount} CommonJS test files (${suite.fileCount - suite.nodeFiles} under jsdom with React and Testing Library, ` +
      `${suite.nodeFiles} under node), ${suite.testCount} tests, ${snapshots} stored snapshot files (written once by \`jest -u\`), ` +
      `${fmt(suite.sleepMs)} of real sleeps in all.`,
    '',
    '| runner | median wall | ratio vs jest | median CPU (ratio) | tests passed |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...runners.map((r) => {
      const c = cells[r.id];
      return `| ${r.label} | ${fmt(c.medianMs)} | ${c.ratio.toFixed(2)} | ${fmt(c.cpuMs)} (${(c.cpuMs / cpuBase).toFixed(2)}) | ${passedCell(r, c)} |`;
    }),
    '',
    'Wall time is the whole command, from spawn to exit, with `CI=1` (a missing snapshot fails); CPU is the user + system time ' +
      'of the command and every process it waited for (Linux `/proc/self/stat`). Every runner ran the same ' +
      'files in the same invocation, one process at a time, repetitions interleaved round-robin; ptest reads the suite\'s ' +
      '`jest.config.js` and plans from the duration history its warm-up wrote (deleted before the warm-ups). Every run of ' +
      `${runners.filter((r) => !r.reference).map((r) => r.label).join(', ')} passed every test, and no snapshot changed. ` +
      `Load average (1, 5, 15 min) before: ${load(loadBefore)}; after: ${load(loadAfter)}` +
      `${loadBefore[0] > 1.5 ? ' (other work was running on the machine: compare the ratios, not the seconds)' : ''}. ` +
      'Reproduce with `npm run bench:compat-jest`.',
  ];
  writeResults(bench, { machine, opts, results, table: lines.join('\n') });
}

await main();
