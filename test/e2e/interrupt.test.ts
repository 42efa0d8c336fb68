import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, fixture } from '../helpers/run-cli.js';

/** SIGINT / SIGTERM: workers stop, what finished is reported, exit code 2. */
describe.each(['SIGINT', 'SIGTERM'] as const)('on %s', (signal) => {
  it('stops the run, writes the report of what finished, and exits 2', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ptest-int-')), 'r.json');
    const child = spawn(process.execPath, [BIN, '--root', fixture('timeout'), '-n', '2', '--timeout', '20000', '--reporter', 'default', '--reporter', `json:${out}`], {
      env: { ...process.env, CI: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // The hang and the spin keep both workers busy for 20 s; the run has started once a file is done.
    await new Promise<void>((resolve) => {
      let stdout = '';
      child.stdout.on('data', (chunk) => {
        stdout += String(chunk);
        if (/✓ \S+\.test\.ts/.test(stdout)) resolve();
      });
    });
    child.kill(signal);
    const code = await exited;
    expect(code).toBe(2);
    expect(existsSync(out)).toBe(true);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.interrupted).toBe(true);
    expect(report.tests.length).toBeGreaterThan(0);
    expect(report.tests.length).toBeLessThan(6);
  });
});
