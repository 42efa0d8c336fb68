import type { RunRequest, RunSettings, StrayError, WorkerMessage } from '../../model/protocol.js';
import type { UnitExit } from '../pool.js';

/**
 * The wire between the coordinator and the process that hosts the worker threads. Commands go
 * down the IPC channel; everything about a slot comes back as JSON lines on that slot's own pipe
 * (fd SLOT_FD_BASE + slot), written synchronously, in order: the worker's messages, then the
 * host's word on how the unit ended.
 */
export const SLOT_FD_BASE = 4;

export interface HostConfig {
  workers: number;
  /** the piscina task module */
  workerEntry: string;
  /** each thread's old-generation heap limit, or null for Node's default */
  maxMemoryMb: number | null;
}

export type HostCommand =
  | { type: 'run'; request: RunRequest }
  | { type: 'abort'; slot: number }
  /** the end of the run for this slot: teardown, and the errors its thread caught while idle */
  | { type: 'finish'; slot: number; settings: RunSettings }
  /** replace the slot's idle thread with a fresh one */
  | { type: 'recycle'; slot: number };

export type HostLine =
  | { type: 'host:exit'; exit: UnitExit }
  | { type: 'host:finished'; errors: StrayError[] }
  | { type: 'host:recycled' }
  /** the slot's thread died while it had no unit (it has been replaced) */
  | { type: 'host:idle-death'; message: string };

export type SlotLine = WorkerMessage | HostLine;
