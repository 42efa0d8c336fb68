// The runners under test: how each is invoked on a generated suite, and how to read back how
// many tests it ran (from its own JSON report, or node's TAP summary).

import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BENCH_DIR } from './generate.mjs';

export const PTEST_BIN = resolve(BENCH_DIR, '..', 'bin', 'ptest');

/** The binary a package of bench/node_modules declares (resolved lazily: it may not be installed yet). */
export function packageBin(pkg, name = pkg) {
  const require = createRequire(join(BENCH_DIR, 'package.json'));
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8'));
  return join(dirname(manifestPath), typeof bin === 'string' ? bin : bin[name]);
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

function ptest(dist) {
  return {
    id: `ptest-${dist}`,
    label: `ptest ${dist}`,
    flavour: 'ptest',
    /** Every bench run starts from the same state: no history, so the warm-up writes the first. */
    reset: (dir) => rmSync(join(dir, '.ptest'), { recursive: true, force: true }),
    command: ({ dir, workers, report }) => ({
      args: [PTEST_BIN, '--root', dir, '-n', String(workers), '--dist', dist, '--reporter', `json:${report}`],
    }),
    count: ({ report }) => {
      const r = readJson(report);
      return { total: r.summary.total, passed: r.summary.passed, failed: r.summary.failed + r.summary.errors, extra: { balance: r.balance } };
    },
  };
}

// Jest's and Vitest's JSON reports share these field names.
const jestLikeCount = ({ report }) => {
  const r = readJson(report);
  return {
    total: r.numTotalTests,
    passed: r.numPassedTests,
    failed: r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0),
  };
};

export const RUNNERS = [
  ptest('static'),
  ptest('duration'),
  ptest('steal'),
  {
    id: 'vitest',
    label: 'vitest threads',
    flavour: 'vitest',
    // Vitest 4 has no --minWorkers (removed along with poolOptions); --maxWorkers sets the pool size.
    command: ({ dir, workers, report }) => ({
      args: [
        packageBin('vitest'), 'run', '--root', dir, '--config', join(dir, 'vitest.config.mjs'),
        '--pool', 'threads', '--maxWorkers', String(workers),
        '--reporter', 'dot', '--reporter', 'json', `--outputFile.json=${report}`,
      ],
    }),
    count: jestLikeCount,
  },
  {
    id: 'jest',
    label: 'jest',
    flavour: 'jest',
    command: ({ dir, workers, report }) => ({
      args: [
        packageBin('jest'), '--config', join(dir, 'jest.config.cjs'), `--maxWorkers=${workers}`,
        '--silent', '--json', `--outputFile=${report}`,
      ],
    }),
    count: jestLikeCount,
  },
  {
    id: 'node',
    label: 'node --test',
    flavour: 'node',
    // Node 20 takes no directories or globs after --test: run in the suite, let it find *.test.mjs.
    command: ({ workers }) => ({
      args: ['--test', `--test-concurrency=${workers}`, '--test-reporter=tap'],
    }),
    count: ({ stdout }) => {
      const field = (name) => Number(stdout.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? NaN);
      return { total: field('tests'), passed: field('pass'), failed: field('fail') + field('cancelled') };
    },
  },
];

/**
 * Runs one runner on one suite directory and times it from spawn to exit. Resolves to a sample:
 * { wallMs, code, ok, total, passed, failed, error?, extra? }. Never rejects. `expectedTests`
 * undefined: any count passes (a shard's share is checked by the caller); `extraArgs` go last.
 */
export function runOnce(runner, { dir, workers, report, expectedTests, timeoutMs, logFile, extraArgs = [] }) {
  rmSync(report, { force: true });
  const args = [...runner.command({ dir, workers, report }).args, ...extraArgs];
  const env = { ...process.env, NO_COLOR: '1', CI: '1' };
  delete env.FORCE_COLOR;
  return new Promise((resolvePromise) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '', stderr = '', wallMs, timedOut = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      try { process.kill(-child.pid, 'SIGKILL'); } catch {}
    }, timeoutMs);
    child.on('exit', () => (wallMs = performance.now() - start));
    child.on('error', (e) => (stderr += String(e)));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const sample = { wallMs: Math.round(wallMs ?? performance.now() - start), code: code ?? signal };
      const problems = [];
      if (timedOut) problems.push(`killed after ${timeoutMs} ms`);
      else if (code !== 0) problems.push(`exit code ${code ?? signal}`);
      try {
        const counts = runner.count({ report, stdout, stderr });
        Object.assign(sample, counts);
        if (counts.failed > 0) problems.push(`${counts.failed} failed`);
        if (expectedTests !== undefined && counts.passed !== expectedTests) problems.push(`${counts.passed} of ${expectedTests} tests passed`);
      } catch (e) {
        problems.push(`no result counts (${e.message.split('\n')[0]})`);
      }
      sample.ok = problems.length === 0;
      if (!sample.ok) {
        sample.error = problems.join('; ');
        sample.log = logFile;
        // Only failures keep their output; the tail is enough to see what went wrong.
        const text = `$ node ${args.join(' ')}\n(cwd ${dir})\n--- stdout\n${stdout.slice(-20000)}\n--- stderr\n${stderr.slice(-20000)}\n`;
        try { writeFileSync(logFile, text); } catch {}
      }
      resolvePromise(sample);
    });
  });
}
