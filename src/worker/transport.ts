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
 * Output goes in bursts: the first write of one leaves at once (the line a test printed before it
 * hung is the one that explains the hang), the rest when the synchronous code that wrote them
 * yields, or every OUTPUT_BATCH writes, so a test that logs in a loop costs a write per batch, not
 * per line (a third of the run's time in a suite of chatty tests).
 */
const OUTPUT_BATCH = 256;

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
  // writes of output since the burst's first went out, or null while no burst is under way
  let burst: number | null = null;
  const flush = (): void => {
    if (waiting.length > 0) writeJsonLinesSync(fd, waiting.splice(0));
  };
  return {
    post: (message) => {
      const last = waiting.at(-1);
      // one test's writes to one stream, waiting together, go as one message
      if (message.type === 'output' && last?.type === 'output' && last.stream === message.stream && last.testId === message.testId) last.text += message.text;
      else waiting.push(message);
      if (message.type === 'output') {
        if (burst === null) {
          burst = 0;
          queueMicrotask(() => {
            burst = null;
            flush();
          });
          return flush();
        }
        if (++burst % OUTPUT_BATCH === 0) flush();
        return;
      }
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
