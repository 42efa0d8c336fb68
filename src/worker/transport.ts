import { writeJsonLinesSync } from '../io/sync-lines.js';
import type { WorkerMessage } from '../model/protocol.js';

/**
 * How a worker talks back to the coordinator. The runtime only ever calls `post` and `flush`, so
 * unit tests drive it with an in-memory transport and no thread.
 */
export interface Transport {
  post(message: WorkerMessage): void;
  /** everything posted so far goes out now: user code that is not a test or hook is about to run */
  flush(): void;
}

/**
 * Messages after which the worker runs user code (or starts work the coordinator times): they
 * go out at once, with whatever waited before them. A crash or a kill can only strike while user
 * code runs, so it never loses a result, and the coordinator's watchdog always knows what runs.
 */
const GO_OUT_AT_ONCE: ReadonlySet<WorkerMessage['type']> = new Set(['unit:started', 'file:importing', 'test:start', 'hook:start', 'hook:end', 'unit:end']);

/**
 * JSON lines, written synchronously to the slot's pipe to the coordinator. A test's end waits for
 * the next test's start (or the next hook, or `flush`) and leaves in the same write, unless other
 * tests still run beside it (test.concurrent), whose code could crash the thread: every write
 * wakes the coordinator, and on a small machine the wake-ups of one write per message cost more
 * than the trivial tests they report.
 */
export function fdTransport(fd: number): Transport {
  const waiting: WorkerMessage[] = [];
  // tests started and not ended: while one runs (test.concurrent), another's end cannot wait
  const running = new Set<string>();
  const flush = (): void => {
    if (waiting.length > 0) writeJsonLinesSync(fd, waiting.splice(0));
  };
  return {
    post: (message) => {
      waiting.push(message);
      if (message.type === 'test:start') running.add(message.id);
      else if (message.type === 'test:end') running.delete(message.id);
      if (GO_OUT_AT_ONCE.has(message.type) || running.size > 0) flush();
    },
    flush,
  };
}

export class MemoryTransport implements Transport {
  readonly messages: WorkerMessage[] = [];
  post(message: WorkerMessage): void {
    this.messages.push(message);
  }
  flush(): void {}
}
