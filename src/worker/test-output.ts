import { AsyncLocalStorage } from 'node:async_hooks';
import type { OutputStream, WorkerMessage } from '../model/protocol.js';

/**
 * What a test file writes to stdout and stderr (console included) reaches the coordinator as
 * messages labelled with the test that wrote it, as Vitest's `stdout | file > test`, instead of
 * going straight to the terminal, where the workers' lines would interleave and tear the live
 * bars. The thread's own `write` of each stream is wrapped, once: console writes through it.
 * Concurrent tests each find their own id through the async context, and a timer a test started
 * still writes as that test. Between units (a late timer of a file that ended) there is no unit
 * to tell, and writes go through as before.
 */
const writer = new AsyncLocalStorage<string>();
let sink: { post: (message: WorkerMessage) => void; silent: boolean } | undefined;
let wrapped = false;
// a write made while posting one (a failing pipe's warning) goes through, not round again
let posting = false;

export function captureOutput(): void {
  if (wrapped) return;
  wrapped = true;
  for (const stream of ['stdout', 'stderr'] as const) wrap(process[stream], stream);
}

function wrap(target: NodeJS.WriteStream, stream: OutputStream): void {
  const write = target.write.bind(target) as (...args: unknown[]) => boolean;
  target.write = ((chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
    const to = sink;
    if (!to || posting) return write(chunk, encoding, callback);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (!to.silent) {
      const testId = writer.getStore();
      posting = true;
      try {
        to.post({ type: 'output', stream, text: textOf(chunk, encoding), ...(testId === undefined ? {} : { testId }) });
      } finally {
        posting = false;
      }
    }
    // a stream calls back once the chunk is handled: here, once it is posted
    if (typeof done === 'function') process.nextTick(done as () => void);
    return true;
  }) as NodeJS.WriteStream['write'];
}

function textOf(chunk: unknown, encoding: unknown): string {
  if (typeof chunk === 'string') return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString(typeof encoding === 'string' && Buffer.isEncoding(encoding) ? encoding : 'utf8');
  return String(chunk);
}

/** While `run` runs a unit, writes go to `post` (or nowhere, under --silent). */
export async function withOutputTo<T>(post: (message: WorkerMessage) => void, silent: boolean, run: () => Promise<T>): Promise<T> {
  sink = { post, silent };
  try {
    return await run();
  } finally {
    sink = undefined;
  }
}

/** `run` (a test's attempt: its each-hooks and body) writes as the test `id`. */
export function writingAs<T>(id: string, run: () => T): T {
  return writer.run(id, run);
}
