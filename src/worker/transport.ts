import type { MessagePort } from 'node:worker_threads';
import type { WorkerMessage } from '../model/protocol.js';

/**
 * How a worker talks back to the coordinator. The runtime only ever calls `post`, so unit tests
 * drive it with an in-memory transport and no thread.
 */
export interface Transport {
  post(message: WorkerMessage): void;
}

export function portTransport(port: MessagePort): Transport {
  return { post: (message) => port.postMessage(message) };
}

export class MemoryTransport implements Transport {
  readonly messages: WorkerMessage[] = [];
  post(message: WorkerMessage): void {
    this.messages.push(message);
  }
}
