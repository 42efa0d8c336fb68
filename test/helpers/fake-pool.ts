import type { RunRequest, WorkerMessage } from '../../src/model/protocol.js';
import type { Pool, UnitExit } from '../../src/run/pool.js';

/**
 * A pool whose "threads" follow scripts: for each unit, the test says which messages the worker
 * streams and how the unit ends (finishes, hangs until aborted, or crashes).
 */
export type Script = (request: RunRequest, post: (m: WorkerMessage) => void, signal: AbortSignal) => Promise<UnitExit>;

export class FakePool implements Pool {
  readonly requests: RunRequest[] = [];
  destroyed = false;

  constructor(private readonly script: Script) {}

  run(request: RunRequest, onMessage: (m: WorkerMessage) => void, signal: AbortSignal): Promise<UnitExit> {
    this.requests.push(request);
    return this.script(request, onMessage, signal);
  }

  readonly recycled: number[] = [];
  async recycle(slot: number): Promise<void> {
    this.recycled.push(slot);
  }

  async finishSlot(): Promise<[]> {
    return [];
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
  }
}

/** Resolves when the signal aborts: a worker blocked until the coordinator kills it. */
export function untilAborted(signal: AbortSignal): Promise<UnitExit> {
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve({ kind: 'aborted' }), { once: true }));
}

/** Messages of a file whose tests all pass. */
export function passingFile(file: string, names: readonly string[], post: (m: WorkerMessage) => void): void {
  const tests = names.map((name) => ({ kind: 'test' as const, id: `${file} > ${name}`, name, titlePath: [name], mode: 'run' as const }));
  post({ type: 'file:collected', tree: { kind: 'file', file, children: tests } });
  for (const t of tests) {
    post({ type: 'test:start', id: t.id, timeoutMs: 1000 });
    post({ type: 'test:end', id: t.id, attempt: { status: 'passed', durationMs: 1 } });
  }
  post({ type: 'unit:end', heapUsedBytes: 0 });
}

export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
