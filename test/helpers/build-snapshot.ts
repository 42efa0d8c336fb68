import type { BuildSnapshot } from '../../src/queue/queue-model.js';

/** What a build of a.test.ts and b.test.ts leaves in Redis, planned and drained, changed by `over`. */
export function buildSnapshot(over: Partial<BuildSnapshot> = {}): BuildSnapshot {
  return {
    meta: { total: 2, planId: 'p', leader: 'a' },
    batches: new Map(),
    done: new Map(),
    lost: new Map(),
    dead: new Map(),
    units: new Map([['a.test.ts', { id: 'a.test.ts', file: 'a.test.ts' }], ['b.test.ts', { id: 'b.test.ts', file: 'b.test.ts' }]]),
    waiting: 0,
    leased: 0,
    running: 0,
    stoppedBy: null,
    ...over,
  };
}
