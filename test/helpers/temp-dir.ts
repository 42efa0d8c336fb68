import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest's global setup: the temporary folders the tests make, and those of the ptest runs they
 * start (which inherit TMPDIR), all go into one folder of this test run, removed when it ends. A
 * full run made about 300 and left every one behind.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'ptest-tests-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
