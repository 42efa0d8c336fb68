import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, testById } from '../helpers/run-cli.js';

/**
 * The quarantine on fixtures/flaky: its two failing tests (always-fails, and order-dependent
 * without --rerun-isolated) are the known flakes. Every test writes its own quarantine file and
 * history in a temp directory.
 */
const FLAKY = fixture('flaky');
const BROKEN = 'always-fails.test.ts > is simply broken';
const ORDER = 'order-dependent.test.ts > needs a clean worker';
const RANDOM = 'seeded-random.test.ts > fails at random';
const STEADY = 'steady.test.ts > passes every time';
const tmp = () => mkdtempSync(join(tmpdir(), 'ptest-quarantine-'));

function quarantineFile(entries: Record<string, unknown>[]): string {
  const path = join(tmp(), 'quarantine.json');
  writeFileSync(path, JSON.stringify({ schema: 'ptest-quarantine/1', tests: entries }));
  return path;
}
const entry = (id: string, extra: Record<string, unknown> = {}) => ({ id, reason: 'known flake', added: '2026-11-01', ...extra });
const readList = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { tests: { id: string; expires?: string }[] }).tests;

describe('quarantine', () => {
  it('quarantined tests still run; their failures are reported apart and do not fail the run', async () => {
    const q = quarantineFile([entry(BROKEN, { owner: 'qa', ticket: 'https://example.test/1' }), entry(ORDER)]);
    const run = await runCli(['--root', FLAKY, '-n', '2', '--reruns', '1', '--quarantine', q], { junit: true });
    expect(run.code).toBe(0);
    expect(testById(run.report, BROKEN)).toMatchObject({ status: 'failed', quarantined: true });
    expect(run.report?.summary).toMatchObject({ failed: 0, quarantined: 2 });
    expect(run.stdout).toContain('Quarantined (2: 2 failed, 0 passed');
    expect(run.stdout).toContain(`◌ ${BROKEN} [failed] (known flake; owner qa; https://example.test/1)`);
    expect(run.stdout).not.toMatch(/^Failures/m);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['testsuite', 'testcase'].includes(n) }).parse(run.junit ?? '');
    const cases = xml.testsuites.testsuite.flatMap((s: { testcase: Record<string, unknown>[] }) => s.testcase);
    const broken = cases.find((c: Record<string, unknown>) => c.name === 'is simply broken');
    expect(broken.failure).toBeUndefined();
    expect(broken.skipped).toMatchObject({ message: 'quarantined (failed)' });
    expect(xml.testsuites.failures).toBe('0');
  });

  it('with quarantine.mode skip, quarantined tests do not run at all', async () => {
    const dir = tmp();
    const config = join(dir, 'ptest.config.json');
    writeFileSync(config, JSON.stringify({ quarantine: { mode: 'skip' } }));
    const q = quarantineFile([entry(BROKEN)]);
    const run = await runCli(['--root', FLAKY, '--config', config, '--quarantine', q, `${FLAKY}/always-fails.test.ts`, `${FLAKY}/steady.test.ts`]);
    expect(run.code).toBe(0);
    expect(testById(run.report, BROKEN)).toMatchObject({ status: 'skipped', quarantined: true, attempts: [{ status: 'skipped' }] });
    expect(testById(run.report, STEADY).status).toBe('passed');
  });

  it('reports expired and stale entries; an expired one fails the run only with --strict-quarantine', async () => {
    const q = quarantineFile([entry(STEADY, { expires: '2000-01-01' }), entry('gone.test.ts > was deleted'), entry('steady.test.ts > was renamed')]);
    const args = ['--root', FLAKY, '--quarantine', q, `${FLAKY}/steady.test.ts`];
    const run = await runCli(args);
    expect(run.code).toBe(0);
    const review = (run.report as unknown as { quarantine: { expired: { id: string }[]; stale: { id: string }[] } }).quarantine;
    expect(review.expired.map((e) => e.id)).toEqual([STEADY]);
    expect(review.stale.map((e) => e.id)).toEqual(['gone.test.ts > was deleted', 'steady.test.ts > was renamed']);
    expect(run.stdout).toContain('Quarantine entries expired (1)');
    expect((await runCli([...args, '--strict-quarantine'])).code).toBe(1);
  });

  it.each([
    ['{ not json', /is not valid JSON/],
    ['{"schema":"ptest-quarantine/1","tests":[{"id":"a > b","reason":"r","added":"soon"}]}', /tests\[0\]: a > b: "added" must be a date \(YYYY-MM-DD\)$/],
    ['{"schema":"ptest-quarantine/1","tests":[{"id":"a > b","reason":"r","added":"2026-01-01","owenr":"x"}]}', /tests\[0\]: unknown field "owenr"$/],
    ['[]', /expected a JSON object$/],
  ])('a broken quarantine file (%s) is a usage error naming the file, and nothing runs', async (contents, message) => {
    const path = join(tmp(), 'quarantine.json');
    writeFileSync(path, contents);
    const run = await runCli(['--root', FLAKY, '--quarantine', path]);
    expect(run.code).toBe(4);
    expect(run.stderr.trim()).toContain(`ptest: quarantine file ${path}`);
    expect(run.stderr.trim()).toMatch(message);
    expect(run.report).toBeUndefined();
  });

  it('ptest quarantine add / list / remove edit the file, sorted, with the entry’s details', async () => {
    const q = join(tmp(), 'quarantine.json');
    const cli = (...args: string[]) => runCli(['quarantine', ...args, '--root', FLAKY, '--quarantine', q], { json: false, history: true });
    expect((await cli('add', STEADY, '--reason', 'slow CI', '--owner', 'qa', '--expires', '2030-01-31')).code).toBe(0);
    expect((await cli('add', BROKEN, '--expires', '30d')).code).toBe(0);
    const list = readList(q);
    expect(list.map((e) => e.id)).toEqual([BROKEN, STEADY]);
    expect(list[1]).toMatchObject({ reason: 'slow CI', owner: 'qa', expires: '2030-01-31' });
    expect(list[0]?.expires).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const listed = await cli('list');
    expect(listed.stdout).toContain(`${STEADY}\n    added `);
    expect(listed.stdout).toContain('owner qa');
    expect((await cli('remove', STEADY)).code).toBe(0);
    expect(readList(q).map((e) => e.id)).toEqual([BROKEN]);
    const missing = await cli('remove', 'no such > test');
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain("quarantine remove: 'no such > test' is not in");
    expect((await cli('add', STEADY, '--expires', 'someday')).code).toBe(4);
  });

  it('prune releases tests that passed cleanly in each of their last runs, and keeps the others', async () => {
    const dir = tmp();
    const q = quarantineFile([entry(STEADY), entry(RANDOM)]);
    const history = join(dir, 'history.json');
    const test = (outcomes: string) => ({ file: 'x', durations: [1], outcomes });
    writeFileSync(history, JSON.stringify({ version: 1, tool: 'ptest', files: {}, tests: { [STEADY]: test('fk' + 'p'.repeat(10)), [RANDOM]: test('p'.repeat(9) + 'k') } }));
    const run = await runCli(['quarantine', 'prune', '--root', FLAKY, '--quarantine', q, '--history', history], { json: false, history: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`released '${STEADY}': passed cleanly in each of its last 10 runs`);
    expect(readList(q).map((e) => e.id)).toEqual([RANDOM]);
  });

  it('--auto-quarantine adds tests flaky in enough recent runs, never one that keeps failing', async () => {
    const dir = tmp();
    const q = join(dir, 'quarantine.json');
    const history = join(dir, 'history.json');
    const test = (file: string, outcomes: string) => ({ file, durations: [1], outcomes });
    // seeded-random was flaky once before; always-fails was flaky once, then failed every run
    writeFileSync(history, JSON.stringify({ version: 1, tool: 'ptest', files: {}, tests: { [RANDOM]: test('seeded-random.test.ts', 'pkp'), [BROKEN]: test('always-fails.test.ts', 'kkff') } }));
    const run = await runCli(['--root', FLAKY, '-n', '1', '--reruns', '1', '--history', history, '--quarantine', q, '--auto-quarantine', `${FLAKY}/seeded-random.test.ts`, `${FLAKY}/always-fails.test.ts`], { history: true });
    const list = readList(q);
    expect(list.map((e) => e.id)).toEqual([RANDOM]);
    expect(list[0]).toMatchObject({ reason: 'auto: flaky in 2 of its last 4 runs' });
    expect(run.stdout).toContain('by --auto-quarantine (1)');
    expect(run.code).toBe(1); // always-fails still fails the run
  });

  it('--auto-quarantine without a history says it can add nothing', async () => {
    const q = join(tmp(), 'quarantine.json');
    const run = await runCli(['--root', FLAKY, '-n', '1', '--quarantine', q, '--auto-quarantine', `${FLAKY}/steady.test.ts`]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('ptest: --auto-quarantine judges tests by their history, and --no-history leaves none: nothing will be added');
  });
});
