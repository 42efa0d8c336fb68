import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/run-cli.js';

/**
 * Under c8 (or anything that sets NODE_V8_COVERAGE), each worker thread and process writes its
 * coverage as it exits. ptest kills its workers when the run is over instead of waiting for their
 * teardown, except then: every worker's coverage of the test files it ran must be there.
 */
describe.each(['threads', 'forks'])('NODE_V8_COVERAGE with --pool %s', (pool) => {
  it("gets every worker's coverage of the test files: fixtures/isolation's three files, on 2 workers", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ptest-coverage-'));
    const { code } = await runCli(['--root', fixture('isolation'), '-n', '2', '--pool', pool], { env: { NODE_V8_COVERAGE: dir } });
    expect(code).toBe(0);
    // a test file's bundle is imported under a URL of its own: `?unit=`
    const units = readdirSync(dir).flatMap((file) => (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { result: { url: string }[] }).result.filter((script) => script.url.includes('?unit=')));
    expect(units).toHaveLength(3);
  });
});
