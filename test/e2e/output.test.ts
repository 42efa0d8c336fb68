import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/run-cli.js';

/** fixtures/output: tests that print, concurrently too, and one that prints and then hangs its thread. */
describe("what tests print", () => {
  it('is labelled with the test that printed it, or its file, even when its thread is killed right after', async () => {
    // one worker: two would interleave their files' lines, each under its own header
    const run = await runCli(['-n', '1', '--timeout', '1000'], { cwd: fixture('output'), junit: true });
    expect(run.stdout).toContain('stdout | logs.test.ts\nlogs.test.ts: imported\ncart: seeded\n');
    expect(run.stdout).toContain("stdout | logs.test.ts > cart > adds an item\nadding { sku: 'A-1', qty: 2 }\n");
    expect(run.stdout).toContain('stderr | logs.test.ts > cart > adds an item\nprice list is stale\n');
    expect(run.stdout).toContain('stdout | logs.test.ts > cart > prices in euros\neuros: done\n');
    expect(run.stdout).toContain('stdout | logs.test.ts > cart > prices in pounds\npounds: done\n');
    expect(run.stdout).toContain('stdout | spins.test.ts > spins after saying so\nspins.test.ts: about to spin\n');
    expect(run.report?.summary).toMatchObject({ passed: 3, failed: 1 });
    // and in the JUnit report, each test's own
    expect(run.junit).toMatch(/name="cart &gt; adds an item"[^>]*>\n<system-out>adding \{ sku: &apos;A-1&apos;, qty: 2 \}\n<\/system-out>\n<system-err>price list is stale\n<\/system-err>/);
    expect(run.junit).toContain('<system-out>spins.test.ts: about to spin\n</system-out>');
    expect(run.junit).not.toContain('cart: seeded');
  });

  it('is dropped under --silent, and the verdict is the same', async () => {
    const run = await runCli(['-n', '2', '--timeout', '1000', '--silent'], { cwd: fixture('output') });
    expect(run.stdout).not.toMatch(/imported|seeded|sku|stale|done|about to spin/);
    expect(run.report?.summary).toMatchObject({ passed: 3, failed: 1 });
  });
});
