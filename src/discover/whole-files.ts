import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Whether a test file must run whole, never split into chunks of tests on different workers:
 * - a serial block (`describe.serial`, or Playwright's `test.describe.serial`) runs its tests in
 *   order on one worker and stops at the first failure;
 * - concurrent tests (`test.concurrent`, `describe.concurrent`, `{ concurrent: true }`) start
 *   together, and may wait on each other, as they always do in Vitest.
 * Read from the source rather than the history, so a block added to a file the history already
 * splits keeps the file whole at once. A mention in a comment keeps a file whole too: that costs
 * balance, never order.
 */
const MUST_RUN_WHOLE = /\.serial\b|\.concurrent\b|\bconcurrent\s*:\s*true\b/;

export function mustRunWhole(root: string, file: string): boolean {
  try {
    return MUST_RUN_WHOLE.test(readFileSync(join(root, file), 'utf8'));
  } catch {
    // an unreadable file fails its import on its own; whole or split changes nothing for it
    return false;
  }
}
