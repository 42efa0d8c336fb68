// The synthetic suites, as plain data: every scenario is a list of files, every file a list of
// tests of a known kind and duration. A seeded PRNG makes them identical on every run and machine.

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const uniform = (rand, lo, hi) => lo + (hi - lo) * rand();
const int = (rand, lo, hi) => Math.floor(uniform(rand, lo, hi + 1));
const pad = (i, width) => String(i).padStart(width, '0');

/** n trivial tests (an equality assertion, no measurable duration). */
const trivialFile = (name, n) => ({ name, tests: Array.from({ length: n }, () => ({ kind: 'trivial', ms: 0 })) });

/** Splits `totalMs` into `n` parts of random size (weights 0.5..1.5), rounded to whole ms, >= 1. */
function split(rand, totalMs, n) {
  const w = Array.from({ length: n }, () => uniform(rand, 0.5, 1.5));
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => Math.max(1, Math.round((x / sum) * totalMs)));
}

/**
 * Files of sleep (or CPU) tests whose totals are `fileTotals`: each file gets 1..maxTests tests,
 * enough that no test exceeds `maxTestMs`.
 */
function timedFiles(rand, prefix, fileTotals, { kind = 'sleep', maxTestMs, maxTests = 20, minTests = 1 }) {
  const width = String(fileTotals.length).length;
  return fileTotals.map((total, i) => {
    const needed = Math.ceil(total / (maxTestMs * 0.75));
    const lo = Math.min(maxTests, Math.max(minTests, needed));
    const n = int(rand, lo, Math.min(maxTests, Math.max(lo, 3 * needed)));
    const tests = split(rand, total, n).map((ms) => ({ kind, ms: Math.min(ms, maxTestMs) }));
    return { name: `${prefix}${pad(i, width)}`, tests };
  });
}

/** Heavy-tailed (Pareto, alpha ~1.1) weights scaled to `totalMs`, largest capped at `capMs`. */
function heavyTail(rand, n, totalMs, capMs) {
  let w = Array.from({ length: n }, () => Math.pow(1 - rand(), -1 / 1.1));
  for (let round = 0; round < 20; round++) {
    const sum = w.reduce((a, b) => a + b, 0);
    w = w.map((x) => (x / sum) * totalMs);
    if (Math.max(...w) <= capMs) break;
    w = w.map((x) => Math.min(x, capMs));
  }
  return w.map((x) => Math.max(5, Math.round(x)));
}

/**
 * Builds every scenario. `quick` scales the suites down by ten (fewer files for the trivial ones,
 * shorter sleeps and busy loops for the timed ones) for a fast end-to-end check.
 */
export function buildScenarios({ quick = false, scale = 1, seed = 20240601 } = {}) {
  const k = (quick ? 0.1 : 1) * scale; // time scale for the timed scenarios
  const f = quick ? 10 : 1; // file-count divisor for the trivial ones
  const scenarios = [];

  scenarios.push({
    name: 'many-small',
    description: `${100 / f} files x 10 trivial tests`,
    files: Array.from({ length: 100 / f }, (_, i) => trivialFile(`small${pad(i, 3)}`, 10)),
  });

  scenarios.push({
    name: 'thousand',
    description: `${1000 / f} files x 1 trivial test`,
    files: Array.from({ length: 1000 / f }, (_, i) => trivialFile(`one${pad(i, 4)}`, 1)),
  });

  {
    const rand = prng(seed + 3);
    // 16 s of sleep over 40 files; no file above 4.5 s, so 20 tests of <= 1 s always fit it.
    const totals = heavyTail(rand, 40, 16000 * k, 4500 * k);
    scenarios.push({
      name: 'skewed',
      description: `40 files, heavy-tailed sleep durations, ${fmtS(16000 * k)} in total`,
      files: timedFiles(rand, 'skew', totals, { maxTestMs: 1000 * k }),
    });
  }

  {
    const rand = prng(seed + 4);
    const big = {
      name: 'big',
      tests: split(rand, 8000 * k, 200).map((ms) => ({ kind: 'sleep', ms })),
    };
    const small = timedFiles(rand, 'little', split(rand, 2000 * k, 30), { maxTestMs: 100 * k, maxTests: 5 });
    scenarios.push({
      name: 'one-big',
      description: `1 file of 200 sleep tests (${fmtS(8000 * k)}) + 30 small files (${fmtS(2000 * k)})`,
      files: [big, ...small],
    });
  }

  {
    const rand = prng(seed + 5);
    // 16 files of 50-150 ms busy loops, about 8 s of CPU in all.
    const files = Array.from({ length: 16 }, (_, i) => ({
      name: `cpu${pad(i, 2)}`,
      tests: Array.from({ length: int(rand, 3, 7) }, () => ({ kind: 'cpu', ms: Math.round(uniform(rand, 50, 150) * k) })),
    }));
    scenarios.push({
      name: 'cpu',
      description: `16 files of CPU-bound tests (busy loops of ${fmtS(50 * k)}-${fmtS(150 * k)})`,
      files,
    });
  }

  for (const s of scenarios) Object.assign(s, stats(s));
  return scenarios;
}

/** Totals of a scenario: test count, summed test time, longest test and longest file (ms). */
export function stats(scenario) {
  let tests = 0, totalMs = 0, longestTestMs = 0, longestFileMs = 0;
  for (const file of scenario.files) {
    const fileMs = file.tests.reduce((a, t) => a + t.ms, 0);
    tests += file.tests.length;
    totalMs += fileMs;
    longestFileMs = Math.max(longestFileMs, fileMs);
    for (const t of file.tests) longestTestMs = Math.max(longestTestMs, t.ms);
  }
  return { fileCount: scenario.files.length, testCount: tests, totalMs, longestTestMs, longestFileMs };
}

/**
 * The best any runner could do: max(total / workers, longest test). The same for the "CPU" suite:
 * its busy loops stop at a wall-clock deadline, so a loop that shares a core with others still ends
 * on time (it just spins less); capping the ideal at the core count made every runner "beat" it.
 */
export function idealMs(scenario, workers) {
  return Math.max(scenario.totalMs / workers, scenario.longestTestMs);
}

function fmtS(ms) {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
