import { once } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { RunRequest, StrayError, WorkerMessage } from '../model/protocol.js';
import type { Pool, UnitExit } from './pool.js';

/**
 * The only importer of piscina. Each logical worker slot gets its own single-thread pool, so a slot
 * always runs on the same thread (PTEST_WORKER_ID and per-worker module state stay meaningful) and
 * piscina replaces that thread, for that slot, when a unit kills or aborts it.
 */
export interface WorkerPoolOptions {
  workers: number;
  /** the worker entry module (dist/worker/entry.js) */
  filename: string;
  /** the threads' environment (each thread gets its own copy) */
  env: NodeJS.ProcessEnv;
  /** each thread's old-generation heap limit, or null for Node's default */
  maxMemoryMb: number | null;
  /** a slot's thread died while it had no unit (piscina replaces it) */
  onIdleDeath: (slot: number, error: Error) => void;
}

/** After a thread dies, how long to wait for messages it posted before dying. */
const DRAIN_MS = 200;

export class WorkerPool implements Pool {
  private readonly pools: Piscina[];
  private readonly maxMemoryMb: number | null;

  constructor(options: WorkerPoolOptions) {
    this.maxMemoryMb = options.maxMemoryMb;
    this.pools = Array.from({ length: options.workers }, (_, slot) =>
      // Without a listener, piscina's 'error' for a thread that dies between tasks would be an
      // uncaught exception of the coordinator.
      new Piscina({
        filename: options.filename,
        env: options.env,
        minThreads: 1,
        maxThreads: 1,
        idleTimeout: Number.MAX_SAFE_INTEGER,
        // Plain message passing: an idle worker's event loop keeps running (Atomics.wait would
        // freeze timers a test file left behind), and the latency is nothing next to a file.
        atomics: 'disabled',
        ...(options.maxMemoryMb ? { resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb } } : {}),
      }).on('error', (error: Error) => options.onIdleDeath(slot, error)),
    );
  }

  async run(request: RunRequest, onMessage: (message: WorkerMessage) => void, signal: AbortSignal): Promise<UnitExit> {
    const pool = this.pools[request.slot];
    if (!pool) throw new Error(`worker pool: no slot ${request.slot}`);
    const { port1, port2 } = new MessageChannel();
    const ended = this.listen(port1, onMessage);
    try {
      await pool.run({ ...request, port: port2 }, { transferList: [port2], signal });
      await ended;
      return { kind: 'done' };
    } catch (error) {
      await Promise.race([ended, delay(DRAIN_MS)]);
      if (signal.aborted) return { kind: 'aborted' };
      return { kind: 'crashed', message: this.describeDeath(error) };
    } finally {
      port1.close();
    }
  }

  private describeDeath(error: unknown): string {
    if ((error as NodeJS.ErrnoException | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      const limit = this.maxMemoryMb ? `its ${this.maxMemoryMb} MB heap limit (--max-worker-memory)` : 'its heap limit';
      return `out of memory: the thread reached ${limit}`;
    }
    return error instanceof Error ? error.message : String(error);
  }

  async strayErrors(slot: number): Promise<StrayError[]> {
    // the worker entry's named export of that name; a thread that cannot answer has nothing to say
    return ((await this.pools[slot]?.run({}, { name: 'strayErrors' }).catch(() => [])) ?? []) as StrayError[];
  }

  async destroy(): Promise<void> {
    await Promise.all(this.pools.map((pool) => pool.destroy()));
  }

  /** Resolves when the unit's last message (or the port's closing) has been delivered. */
  private listen(port: MessagePort, onMessage: (message: WorkerMessage) => void): Promise<void> {
    return new Promise<void>((resolve) => {
      port.on('message', (message: WorkerMessage) => {
        onMessage(message);
        if (message.type === 'unit:end') resolve();
      });
      void once(port, 'close').then(() => resolve());
    });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
