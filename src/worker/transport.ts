import { writeJsonLineSync } from '../io/sync-lines.js';
import type { WorkerMessage } from '../model/protocol.js';

/**
 * How a worker talks back to the coordinator. The runtime only ever calls `post`, so unit tests
 * drive it with an in-memory transport and no thread.
 */
export interface Transport {
  post(message: WorkerMessage): void;
}

/**
 * One JSON line per message, written synchronously to the slot's pipe to the coordinator: a test's
 * result is out of the process before the next test starts, so a native crash loses nothing
 * already finished.
 */
export function fdTransport(fd: number): Transport {
  return { post: (message) => writeJsonLineSync(fd, message) };
}

export class MemoryTransport implements Transport {
  readonly messages: WorkerMessage[] = [];
  post(message: WorkerMessage): void {
    this.messages.push(message);
  }
}
