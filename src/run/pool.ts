import type { RunRequest, StrayError, WorkerMessage } from '../model/protocol.js';

/**
 * What the dispatcher needs from a pool of worker threads. The dispatcher speaks only this
 * message-shaped interface, so its unit tests use a scripted fake, and the real pool can later
 * move behind a process boundary.
 */
export type UnitExit =
  /** the worker finished the unit and every message was delivered */
  | { kind: 'done' }
  /** the unit was aborted through its signal and the thread terminated */
  | { kind: 'aborted' }
  /** the thread died on its own (process.exit, an uncaught error, out of memory...) */
  | { kind: 'crashed'; message: string };

export interface Pool {
  /** Runs one unit on the slot's thread; resolves (never rejects) once it is over. */
  run(request: RunRequest, onMessage: (message: WorkerMessage) => void, signal: AbortSignal): Promise<UnitExit>;
  /** errors the slot's thread caught while idle (after its last unit); [] if it cannot say */
  strayErrors(slot: number): Promise<StrayError[]>;
  destroy(): Promise<void>;
}
