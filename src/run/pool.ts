import type { RunRequest, RunSettings, StrayError, WorkerMessage } from '../model/protocol.js';

/**
 * What the dispatcher needs from the worker threads. The dispatcher speaks only this
 * message-shaped interface, so its unit tests use a scripted fake; the real one hosts the threads
 * in a supervised child process.
 */
export type UnitExit =
  /** the worker finished the unit and every message was delivered */
  | { kind: 'done' }
  /** the unit was aborted through its signal and the thread terminated */
  | { kind: 'aborted' }
  /**
   * The thread died on its own (process.exit, an uncaught error, out of memory...), or the whole
   * process hosting the threads did (a native crash). `casualties`: how many units died in the same
   * crash, this one included; when more than one, any of them may have caused it.
   */
  | { kind: 'crashed'; message: string; casualties?: number; /** the process's last stderr lines */ stderr?: string[] };

export interface Pool {
  /** Runs one unit on the slot's thread; resolves (never rejects) once it is over. */
  run(request: RunRequest, onMessage: (message: WorkerMessage) => void, signal: AbortSignal): Promise<UnitExit>;
  /**
   * The slot's end of the run: its worker teardown, then the errors its thread caught while idle
   * (after its last unit); [] if it cannot say.
   */
  finishSlot(slot: number, settings: RunSettings): Promise<StrayError[]>;
  /** replaces the slot's idle thread with a fresh one */
  recycle(slot: number): Promise<void>;
  destroy(): Promise<void>;
}
