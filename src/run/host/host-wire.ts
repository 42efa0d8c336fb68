import type { RunRequest, RunSettings, StrayError, WorkerMessage } from '../../model/protocol.js';
import type { UnitExit } from '../pool.js';

/**
 * The wire between the coordinator and a process that hosts workers (all the slots' threads, or
 * one slot's forked process). Commands go down the IPC channel; everything about a slot comes back
 * as JSON lines on that slot's own pipe, written synchronously, in order: the worker's messages,
 * then the host's word on how the unit ended.
 */
const SLOT_FD_BASE = 4;

/** the pipe of a slot in a host that serves `slots` */
export function slotFd(slots: readonly number[], slot: number): number {
  const index = slots.indexOf(slot);
  if (index < 0) throw new Error(`slot ${slot} is not served by this process`);
  return SLOT_FD_BASE + index;
}

export interface HostConfig {
  /** the worker slots this process serves, in the order of their pipes */
  slots: number[];
  /** the worker entry module (piscina's task module in threads; imported by a forked process) */
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

/** How a worker that ran out of heap is described, in a thread or in a forked process. */
export function outOfMemoryMessage(worker: 'thread' | 'process', maxMemoryMb: number | null): string {
  const limit = maxMemoryMb ? `its ${maxMemoryMb} MB heap limit (--max-worker-memory)` : 'its heap limit';
  return `out of memory: the ${worker} reached ${limit}`;
}
