import { writeSync } from 'node:fs';

/**
 * Writes one JSON line to a file descriptor and returns only once the kernel has it. Used for
 * worker results: a line written this way survives the process dying a microsecond later, which a
 * message queued on an event loop does not.
 */
export function writeJsonLineSync(fd: number, value: unknown): void {
  writeJsonLinesSync(fd, [value]);
}

/** Several lines in one write: one wake-up of the reader instead of one per line. */
export function writeJsonLinesSync(fd: number, values: readonly unknown[]): void {
  const bytes = Buffer.from(values.map((value) => `${JSON.stringify(value)}\n`).join(''));
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      // a full non-blocking pipe: wait a moment for the reader instead of losing the line
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}
