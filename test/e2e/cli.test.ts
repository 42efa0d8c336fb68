import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inProject } from '../helpers/in-project.js';
import { fixture, runCli, testById } from '../helpers/run-cli.js';

/** The command line's promises: exit codes, flags, positional paths, the config file. */
describe('command line', () => {
  it.each([
    [['-n', 'lots'], "ptest: -n/--workers: expected a whole number or 'auto', got 'lots'"],
    [['-n', '0'], "ptest: -n/--workers: expected a whole number or 'auto', got '0'"],
    [['--worker-idle-memory', '-3'], "ptest: --worker-idle-memory: expected a whole number above 0, got '-3'"],
    [['--reporter', 'xml'], "ptest: --reporter: unknown reporter 'xml' (available: default, json, junit, markdown, html, blob, github)"],
    [['--timeout', '0'], "ptest: --timeout: expected a whole number above 0, got '0'"],
    [['no/such/dir'], 'ptest: no such file or directory: no/such/dir'],
    [['--config', 'missing.config.ts'], 'ptest: --config: no such file: missing.config.ts'],
    [['--reporter', 'json:fine.test.ts/report.json'], 'ptest: --reporter json:fine.test.ts/report.json: cannot write there (EEXIST)'],
    [['--shard', '5/4'], 'ptest: --shard: shard 5 of 4 does not exist (shards are 1 to 4)'],
    [['--shard', '0/2'], 'ptest: --shard: shards are numbered from 1, got 0'],
    [['--shard', 'half'], "ptest: --shard: expected i/n (as in 2/4) or auto, got 'half'"],
    [['--plan', 'plan.json'], 'ptest: --plan plan.json: a plan is replayed one shard at a time: add --shard i/n'],
  ])('exits 4 with one clear line for bad input: %j', async (args, line) => {
    const run = await runCli(['--root', fixture('failing'), ...args], { cwd: fixture('failing'), json: false });
    expect(run.code).toBe(4);
    expect(run.stderr.trim()).toBe(line);
  });

  it('exits 4 for an unknown --dist, listing the choices', async () => {
    const run = await runCli(['--dist', 'random'], { json: false });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain("option '--dist <mode>' argument 'random' is invalid. Allowed choices are static, duration, steal.");
  });

  it('exits 5 when no test file is found', async () => {
    const run = await runCli(['--root', fixture('configured'), 'ptest.config.ts/..', '--config', 'none.json'], { json: false });
    expect(run.code).toBe(4); // the config named is missing: usage wins over "no tests"
    const empty = await runCli([], { cwd: fixture('demo/src'), json: false });
    expect(empty.code).toBe(5);
    expect(empty.stderr).toContain('ptest: no test files found under');
  });

  it('still writes the report files it was asked for, empty, when no test file is found', async () => {
    const run = await runCli([], { cwd: fixture('demo/src'), junit: true });
    expect(run.code).toBe(5);
    expect(run.report?.summary).toMatchObject({ total: 0, passed: 0, failed: 0 });
    expect(run.junit).toContain('<testsuites name="ptest" tests="0"');
    expect(run.stdout).toBe('');
  });

  it('exits 5 with a line naming the glob when a positional glob matches nothing', async () => {
    const run = await runCli(['nothing/**/*.test.ts'], { cwd: fixture('failing'), json: false });
    expect(run.code).toBe(5);
    expect(run.stderr.trim()).toBe('ptest: no test files match nothing/**/*.test.ts (include: **/*.{test,spec}.{ts,tsx,mts,cts,js,mjs,cjs}; never searched: node_modules, .git, dist)');
  });

  it('exits 5 when --grep matches no test', async () => {
    const run = await runCli(['fine.test.ts', '-t', 'nothing-matches-this'], { cwd: fixture('failing') });
    expect(run.code).toBe(5);
    expect(run.report?.summary.total).toBe(0);
    expect(run.stderr).toContain('ptest: no test matches --grep "nothing-matches-this": exit 5');
  });

  it('runs only the positional files (relative to the current directory), with ids relative to the root', async () => {
    const run = await runCli(['--root', fixture('failing'), 'fixtures/failing/fine.test.ts', '-n', '1']);
    expect(run.code).toBe(0);
    expect(run.report?.tests.map((t) => t.id)).toEqual(['fine.test.ts > passes']);
  });

  it('reads ptest.config.ts from the root: its timeout, grep and workers apply', async () => {
    const run = await runCli(['--root', fixture('configured')]);
    expect(run.report?.workers).toBe(1);
    expect(run.report?.tests.map((t) => [t.name, t.status])).toEqual([
      ['selected: outlives the configured timeout', 'timedOut'],
      ['selected: waits less than the configured timeout', 'passed'],
    ]);
  });

  it('lets flags override the config file', async () => {
    const run = await runCli(['--root', fixture('configured'), '--timeout', '3000', '-t', 'outlives']);
    expect(run.report?.tests.map((t) => [t.name, t.status])).toEqual([['selected: outlives the configured timeout', 'passed']]);
    expect(run.code).toBe(0);
  });

  it('stops after the first failure with --bail', async () => {
    const run = await runCli(['--root', fixture('timeout'), '-n', '1', '--bail', '--timeout', '500', '--dist', 'static']);
    expect(run.code).toBe(1);
    // what was still running when the run stopped is reported not run, not failed
    const failures = run.report?.tests.filter((t) => t.status !== 'passed' && !(t as { notRun?: true }).notRun) ?? [];
    expect(failures).toHaveLength(1);
    expect(run.report?.tests.length).toBeLessThan(6);
  });

  it('prints help and exits 0', async () => {
    const run = await runCli(['--help'], { json: false });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: ptest [options] [command] [paths...]');
    expect(run.stdout).toContain('plan [options] [paths...]');
  });

  it('prints its version and exits 0', async () => {
    const run = await runCli(['--version'], { json: false });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
  });

  it('--dist static runs every file too', async () => {
    const run = await runCli(['--root', fixture('failing'), '--dist', 'static', '-n', '2']);
    expect(run.report?.dist).toBe('static');
    expect(testById(run.report, 'fine.test.ts > passes').status).toBe('passed');
  });

  it('says how many tests a file that no longer loads had when it last ran', async () => {
    const tests = "import { it } from 'ptest';\nit('one', () => {});\nit('two', () => {});\n";
    await inProject({ 'a.test.ts': tests, 'b.test.ts': tests }, async (dir) => {
      expect((await runCli(['--root', dir, '-n', '1'], { history: true, json: false })).code).toBe(0);
      writeFileSync(join(dir, 'a.test.ts'), `${tests}throw new Error('broken');\n`);
      const run = await runCli(['--root', dir, '-n', '1'], { history: true, json: false });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('1 error outside tests: 1 file did not load (2 tests when it last ran)');
      expect(run.stdout.trim().split('\n').at(-1)).toBe('2 passed, 0 failed, 1 error');
    });
  });

  it('prints the verdict and where the reports went on stderr when no terminal reporter was asked for', async () => {
    await inProject({ 'a.test.ts': "import { it } from 'ptest';\nit('one', () => {});\n" }, async (dir) => {
      const run = await runCli(['--root', dir, '-n', '1', '--reporter', 'json:out/r.json'], { cwd: dir, json: false });
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim()).toBe('ptest: 1 passed, 0 failed · json: out/r.json');
      expect(JSON.parse(readFileSync(join(dir, 'out/r.json'), 'utf8')).summary.passed).toBe(1);
    });
  });
});
