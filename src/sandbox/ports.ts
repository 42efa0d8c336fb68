/**
 * A block of ports per worker slot for tests that start servers (PTEST_PORT_BASE, PTEST_PORT_COUNT):
 * no two workers of a run get the same port. The blocks start below Linux's ephemeral range
 * (32768 and up), so the ports the kernel hands out for outgoing connections do not collide.
 */
export const PORT_BASE = 20_000;
export const PORTS_PER_WORKER = 100;

export function portBlock(slot: number): { base: number; count: number } {
  return { base: PORT_BASE + slot * PORTS_PER_WORKER, count: PORTS_PER_WORKER };
}
