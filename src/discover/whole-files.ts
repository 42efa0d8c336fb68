import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Whether a test file declares a serial block (`describe.serial`, or Playwright's
 * `test.describe.serial`): such a file is never split into chunks, because a serial block's tests
 * run in order on one worker and stop at the first failure. Read from the source rather than the
 * history, so a block added to a file the history already splits keeps the file whole at once. A
 * mention in a comment keeps a file whole too: that costs balance, never order.
 */
export function declaresSerialBlocks(root: string, file: string): boolean {
  try {
    return /\.serial\b/.test(readFileSync(join(root, file), 'utf8'));
  } catch {
    // an unreadable file fails its import on its own; whole or split changes nothing for it
    return false;
  }
}
