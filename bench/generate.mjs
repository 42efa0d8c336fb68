#!/usr/bin/env node
// Writes the synthetic suites of scenarios.mjs to disk, once per runner flavour, with the same
// test bodies. A file is only rewritten when its content changes, so mtimes (and with them
// ptest's bundle cache and the other runners' caches) survive regeneration.
//
//   node bench/generate.mjs [--quick] [--out DIR] [--only scenario,...]

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildScenarios } from './scenarios.mjs';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const FLAVOURS = ['ptest', 'vitest', 'jest', 'node'];

// PTEST_BENCH_SLOW (a number, default 1) scales every sleep and busy loop: bench/queue.mjs sets it
// for one CI job only, to play a slower machine. Unset, every test waits exactly its `ms`.
const HELPERS = [
  'const SLOW = Number(process.env.PTEST_BENCH_SLOW) || 1;',
  'const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms * SLOW));',
  'const busy = (ms) => { const end = performance.now() + ms * SLOW; while (performance.now() < end) {} };',
];

/** One test, as `it(...)` (Jest/Vitest/ptest) or `test(...)` with node:assert (node --test). */
function testSource(t, i, flavour) {
  const fn = flavour === 'node' ? 'test' : 'it';
  const title = `t${i} ${t.kind}${t.kind === 'trivial' ? '' : ` ${t.ms}ms`}`;
  if (t.kind === 'sleep') return `${fn}('${title}', async () => { await sleep(${t.ms}); });`;
  if (t.kind === 'cpu') return `${fn}('${title}', () => { busy(${t.ms}); });`;
  const check = flavour === 'node' ? 'assert.equal(1 + 1, 2);' : 'expect(1 + 1).toBe(2);';
  return `${fn}('${title}', () => { ${check} });`;
}

function fileSource(file, flavour) {
  const head = {
    ptest: ["import { it, expect } from 'ptest';"],
    vitest: ["import { it, expect } from 'vitest';"],
    jest: ['// CommonJS, Jest globals'],
    node: ["import { test } from 'node:test';", "import assert from 'node:assert/strict';"],
  }[flavour];
  const body = file.tests.map((t, i) => testSource(t, i, flavour));
  return [...head, ...HELPERS, '', ...body, ''].join('\n');
}

/** Config files that make each directory a self-contained project for its runner. */
function projectFiles(flavour, name) {
  const pkg = (type) => JSON.stringify({ name: `bench-${name}-${flavour}`, private: true, type }, null, 2) + '\n';
  switch (flavour) {
    case 'ptest':
      return { 'package.json': pkg('module') };
    case 'vitest':
      // Vitest looks for a config upwards from its root: this one stops it at the suite.
      return {
        'package.json': pkg('module'),
        'vitest.config.mjs': "export default { test: { include: ['**/*.test.js'] } };\n",
      };
    case 'jest':
      return {
        'package.json': pkg('commonjs'),
        'jest.config.cjs': [
          'module.exports = {',
          "  testEnvironment: 'node',",
          '  transform: {},',
          "  testMatch: ['**/*.test.js'],",
          "  cacheDirectory: '<rootDir>/.jest-cache',",
          '};',
          '',
        ].join('\n'),
      };
    case 'node':
      return { 'package.json': pkg('module') };
  }
}

const EXT = { ptest: '.test.js', vitest: '.test.js', jest: '.test.js', node: '.test.mjs' };

/** writes only when the content differs, so runners' caches keyed on mtimes stay warm */
export function writeIfChanged(path, content) {
  try {
    if (readFileSync(path, 'utf8') === content) return false;
  } catch {}
  writeFileSync(path, content);
  return true;
}

/** Writes one scenario for one flavour into `dir`; removes test files that no longer belong. */
export function writeSuite(scenario, flavour, dir) {
  mkdirSync(dir, { recursive: true });
  const wanted = new Map();
  for (const [name, content] of Object.entries(projectFiles(flavour, scenario.name))) wanted.set(name, content);
  for (const file of scenario.files) wanted.set(file.name + EXT[flavour], fileSource(file, flavour));
  let written = 0;
  for (const [name, content] of wanted) if (writeIfChanged(join(dir, name), content)) written++;
  for (const entry of readdirSync(dir)) {
    if (/\.test\.m?js$/.test(entry) && !wanted.has(entry)) rmSync(join(dir, entry));
  }
  return written;
}

/**
 * Generates every scenario (or those in `only`) under `out/<scenario>/<dirName>` for each of
 * `dirs` ({ dirName: flavour }); returns the scenarios with their directories.
 */
export function generate({ quick = false, scale = 1, out, only, dirs = Object.fromEntries(FLAVOURS.map((f) => [f, f])) } = {}) {
  out ??= join(BENCH_DIR, '.suites', quick ? 'quick' : 'full');
  const scenarios = buildScenarios({ quick, scale }).filter((s) => !only || only.includes(s.name));
  for (const scenario of scenarios) {
    scenario.dirs = {};
    for (const [dirName, flavour] of Object.entries(dirs)) {
      const dir = join(out, scenario.name, dirName);
      writeSuite(scenario, flavour, dir);
      scenario.dirs[dirName] = dir;
    }
  }
  return scenarios;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const opt = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const scenarios = generate({ quick: argv.includes('--quick'), out: opt('--out'), only: opt('--only')?.split(',') });
  for (const s of scenarios) {
    console.log(
      `${s.name.padEnd(11)} ${String(s.fileCount).padStart(4)} files ${String(s.testCount).padStart(5)} tests ` +
        `${(s.totalMs / 1000).toFixed(2).padStart(6)} s total, longest test ${s.longestTestMs} ms, ` +
        `longest file ${s.longestFileMs} ms  ${dirname(Object.values(s.dirs)[0])}`,
    );
  }
}
