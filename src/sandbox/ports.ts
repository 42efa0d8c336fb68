/**
 * A block of ports per worker slot for tests that start servers (PTEST_PORT_BASE, PTEST_PORT_COUNT):
 * no two workers of a run get the same port. The blocks lie between 20000 and the start of Linux's
 * ephemeral range (32768), so the ports the kernel hands out for outgoing connections do not
 * collide; with many workers each block is smaller, never outside that range.
 */
export const PORT_BASE = 20_000;
export const PORT_END = 32_768;
export const PORTS_PER_WORKER = 100;

export function portBlock(slot: number, workerCount: number): { base: number; count: number } {
  const count = Math.max(1, Math.min(PORTS_PER_WORKER, Math.floor((PORT_END - PORT_BASE) / Math.max(1, workerCount))));
  return { base: PORT_BASE + slot * count, count };
}
