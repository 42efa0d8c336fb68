import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, startCli } from '../helpers/run-cli.js';

/** SIGINT / SIGTERM: workers stop, what finished is reported, exit code 2. */
describe.each(['SIGINT', 'SIGTERM'] as const)('on %s', (signal) => {
  it('stops the run, writes the report of what finished, and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ptest-int-'));
    const out = join(dir, 'r.json');
    const history = join(dir, 'history.json');
    const args = ['--root', fixture('timeout'), '-n', '2', '--dist', 'static', '--timeout', '20000', '--history', history];
    const { child, exited, stdoutUntil } = startCli([...args, '--reporter', 'default', '--reporter', `json:${out}`]);
    // The run is under way once ok.test.ts is done and hang.test.ts has started its 20 s wait.
    await stdoutUntil((stdout) => /✓ ok\.test\.ts/.test(stdout) && stdout.includes('hang.test.ts: waiting'));
    child.kill(signal);
    const code = await exited;
    expect(code).toBe(2);
    expect(existsSync(out)).toBe(true);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.interrupted).toBe(true);
    expect(report.stoppedBy).toBe('interrupt');
    // static lanes: w0 [hang.test.ts, spin.test.ts], w1 [ok.test.ts]; hang blocks w0 until the signal
    const testOf = (id: string) => report.tests.find((t: { id: string }) => t.id === id);
    expect(testOf('ok.test.ts > is fine')).toMatchObject({ status: 'passed' });
    for (const id of ['hang.test.ts > waits forever', 'hang.test.ts > still runs after an async timeout']) {
      expect(testOf(id), id).toMatchObject({ status: 'skipped', notRun: true, attempts: [] });
    }
    expect(report.notRunFiles).toEqual(['spin.test.ts']);
    expect(report.summary).toMatchObject({ total: 3, passed: 1, skipped: 0, notRun: 2 });
    // the history learns what finished, and nothing from what did not
    const learned = Object.keys(JSON.parse(readFileSync(history, 'utf8')).tests).sort();
    expect(learned).toEqual(['ok.test.ts > is fine']);
  });
});
