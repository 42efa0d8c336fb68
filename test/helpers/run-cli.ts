import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * Runs the real built CLI (bin/ptest → dist/) in a child process, as a user would, and returns
 * its exit code, output and parsed JSON report. End-to-end tests assert on these only.
 */
export const REPO = resolve(import.meta.dirname, '..', '..');
export const BIN = join(REPO, 'bin', 'ptest');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** the `--reporter json` document, when the run wrote one */
  report: JsonReport | undefined;
  /** the `--reporter junit` XML, when asked for and written */
  junit: string | undefined;
}

export interface JsonAttempt {
  status: string;
  durationMs: number;
  error?: { message: string; stack: string };
  isolated?: true;
  /** in a --queue build's report: the job it ran on */
  job?: string;
}

export interface JsonTest {
  id: string;
  file: string;
  name: string;
  status: string;
  quarantined: boolean;
  durationMs: number;
  worker: number;
  startMs: number;
  attempts: JsonAttempt[];
  flakeCause?: string;
  /** collected but left unfinished by a run that stopped early */
  notRun?: true;
  flakiness?: { score: number; runs: number; flakyRuns: number; outcomes: string };
}

export interface JsonReport {
  schema: string;
  startedAt: string;
  wallMs: number;
  workers: number;
  dist: string;
  shard: unknown;
  summary: Record<string, number>;
  tests: JsonTest[];
  errors: { file: string | null; kind: string; message: string }[];
  stoppedBy?: string | null;
  notRunFiles?: string[];
  workerStats: { id: number; busyMs: number; tasks: number }[];
  snapshots?: { added: number; updated: number; matched: number; unmatched: number; obsolete: number; removed: number; obsoleteFiles: string[] };
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** add `--reporter default --reporter json:<tmp>` (default true) */
  json?: boolean;
  /** read and write the history (default false: runs do not depend on earlier runs) */
  history?: boolean;
  /** add `--reporter junit:<tmp>` too */
  junit?: boolean;
}

export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  const reportPath = join(mkdtempSync(join(tmpdir(), 'ptest-e2e-')), 'report.json');
  const reporterArgs = options.json === false ? [] : ['--reporter', 'default', '--reporter', `json:${reportPath}`];
  if (!options.history && !args.includes('--help')) reporterArgs.push('--no-history');
  const junitPath = join(dirname(reportPath), 'junit.xml');
  if (options.junit) reporterArgs.push('--reporter', `junit:${junitPath}`);
  const env = { ...process.env, CI: '1', NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env };
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args, ...reporterArgs],
      { cwd: options.cwd ?? REPO, env: env as NodeJS.ProcessEnv, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        const report = existsSync(reportPath) ? (JSON.parse(readFileSync(reportPath, 'utf8')) as JsonReport) : undefined;
        const junit = options.junit && existsSync(junitPath) ? readFileSync(junitPath, 'utf8') : undefined;
        done({ code, stdout, stderr, report, junit });
      },
    );
  });
}

/** The test of the report with this id; fails loudly when it is missing. */
export function testById(report: JsonReport | undefined, id: string): JsonTest {
  const test = report?.tests.find((t) => t.id === id);
  if (!test) throw new Error(`no test '${id}' in report; have: ${report?.tests.map((t) => t.id).join(', ')}`);
  return test;
}

/** `fixtures/<name>` as an absolute path */
export function fixture(name: string): string {
  return join(REPO, 'fixtures', name);
}

/**
 * Starts the CLI without waiting for it, for tests that act while it runs (send it a signal):
 * `stdoutUntil` resolves once what it printed so far satisfies `ready`.
 */
export function startCli(args: readonly string[], env: Record<string, string> = {}): { child: ChildProcess; exited: Promise<number | null>; stdoutUntil: (ready: (stdout: string) => boolean) => Promise<void> } {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, CI: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let stdout = '';
  child.stdout?.on('data', (chunk) => (stdout += String(chunk)));
  const stdoutUntil = (ready: (stdout: string) => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!ready(stdout)) return;
        child.stdout?.off('data', check);
        resolve();
      };
      child.stdout?.on('data', check);
      check();
    });
  return { child, exited, stdoutUntil };
}
