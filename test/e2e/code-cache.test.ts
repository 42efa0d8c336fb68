import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, REPO, runCli } from '../helpers/run-cli.js';

/**
 * Workers load ptest's runtime through V8's code cache, which the first run writes into the temp
 * folder. In Node 20 a function restored from that cache cannot import() (the runtime borrows its
 * entry module's), so the run after the first is the one that would fail to import its test files.
 */
describe.each(['threads', 'forks'])('workers that load ptest from the code cache (--pool %s)', (pool) => {
  it('import and run the test files of the run after the one that wrote the cache', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'ptest-code-cache-'));
    const run = () => runCli(['--root', fixture('api'), '-n', '2', '--pool', pool, join(fixture('api'), 'hooks.test.ts'), join(fixture('api'), 'mocks.test.ts')], { env: { TMPDIR: temp } });
    const first = await run();
    expect(readdirSync(temp).filter((name) => name.startsWith('ptest-v8-cache-')).flatMap((dir) => readdirSync(join(temp, dir)))).toHaveLength(1);
    const second = await run();
    expect(second.report?.errors).toEqual([]);
    expect(second.report?.summary).toEqual(first.report?.summary);
    expect(second.report?.summary.passed).toBeGreaterThan(0);
  });
});

describe('the thread runtime loaded outside a worker', () => {
  it('leaves the process’s error handlers alone (the CLI loads it when a config file or a globalSetup imports the test API)', () => {
    const script = 'require("./dist/runtime/thread.cjs"); console.log(process.listenerCount("uncaughtException"), process.listenerCount("unhandledRejection"))';
    expect(execFileSync(process.execPath, ['-e', script], { cwd: REPO, encoding: 'utf8' }).trim()).toBe('0 0');
  });
});
