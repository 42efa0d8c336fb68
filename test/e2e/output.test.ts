import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/run-cli.js';

/** fixtures/output: tests that print, concurrently too, and one that prints and then hangs its thread. */
describe("what tests print", () => {
  it('is labelled with the test that printed it, or its file, even when its thread is killed right after', async () => {
    // one worker: two would interleave their files' lines, each under its own header
    const run = await runCli(['-n', '1', '--timeout', '1000'], { cwd: fixture('output') });
    expect(run.stdout).toContain('stdout | logs.test.ts\nlogs.test.ts: imported\ncart: seeded\n');
    expect(run.stdout).toContain("stdout | logs.test.ts > cart > adds an item\nadding { sku: 'A-1', qty: 2 }\n");
    expect(run.stdout).toContain('stderr | logs.test.ts > cart > adds an item\nprice list is stale\n');
    expect(run.stdout).toContain('stdout | logs.test.ts > cart > prices in euros\neuros: done\n');
    expect(run.stdout).toContain('stdout | logs.test.ts > cart > prices in pounds\npounds: done\n');
    expect(run.stdout).toContain('stdout | spins.test.ts > spins after saying so\nspins.test.ts: about to spin\n');
    expect(run.report?.summary).toMatchObject({ passed: 3, failed: 1 });
  });

  it('is dropped under --silent, and the verdict is the same', async () => {
    const run = await runCli(['-n', '2', '--timeout', '1000', '--silent'], { cwd: fixture('output') });
    expect(run.stdout).not.toMatch(/imported|seeded|sku|stale|done|about to spin/);
    expect(run.report?.summary).toMatchObject({ passed: 3, failed: 1 });
  });
});
