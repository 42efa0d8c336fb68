// Medians, the CPU time of finished child processes, and a description of the machine (and checkout) the
// benchmark ran on.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export function median(values) {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Summarises one (scenario, runner) cell: its median wall time if every timed run passed. */
export function summarise(samples, idealMs) {
  const failed = samples.filter((s) => !s.ok);
  if (samples.length === 0) return { status: 'skipped' };
  if (failed.length > 0) return { status: 'failed', error: failed[0].error, log: failed[0].log };
  const medianMs = median(samples.map((s) => s.wallMs));
  return { status: 'ok', medianMs, ratio: idealMs >= 100 ? medianMs / idealMs : null };
}

function cpuModel() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1].trim();
  } catch {}
  return os.cpus()[0]?.model ?? 'unknown';
}

function nproc() {
  try {
    return Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    return os.availableParallelism();
  }
}

function packageVersion(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

export function machineInfo({ benchDir, rootDir }) {
  return {
    date: new Date().toISOString(),
    node: process.version,
    nproc: nproc(),
    cpu: cpuModel(),
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    versions: {
      ptest: packageVersion(`${rootDir}/package.json`),
      vitest: packageVersion(`${benchDir}/node_modules/vitest/package.json`),
      jest: packageVersion(`${benchDir}/node_modules/jest/package.json`),
    },
  };
}

/**
 * CPU time (user + system, ms) of this process's reaped children so far, from Linux's
 * /proc/self/stat (cutime + cstime, in ticks of 100 Hz): a runner's threads and the worker
 * processes it waited for all count. Less skewed by other work on the machine than wall time.
 */
export function childCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return NaN;
  }
}

/** The short commit of the checkout at `cwd`, if it is one. */
export function gitCommit(cwd) {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}
