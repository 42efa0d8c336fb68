import { Piscina } from 'piscina';
import type { RunRequest, RunSettings, StrayError } from '../../model/protocol.js';
import type { UnitExit } from '../pool.js';
import { outOfMemoryMessage } from './host-wire.js';

/**
 * The only importer of piscina, used inside the host process. Each logical worker slot gets its
 * own single-thread pool, so a slot always runs on the same thread (PTEST_WORKER_ID and per-worker
 * module state stay meaningful) and piscina replaces that thread, for that slot, when a unit kills
 * or aborts it. A slot's pool starts with its first unit, so an idle slot costs no thread.
 */
export interface ThreadPoolsOptions {
  /** the worker entry module */
  filename: string;
  /** each thread's old-generation heap limit, or null for Node's default */
  maxMemoryMb: number | null;
  /** a slot's thread died while it had no unit (piscina replaces it) */
  onIdleDeath: (slot: number, error: Error) => void;
}

export class ThreadPools {
  private readonly pools = new Map<number, Piscina>();

  constructor(private readonly options: ThreadPoolsOptions) {}

  /** Runs the unit on the slot's thread, which writes its messages to `fd`. Never rejects. */
  async run(request: RunRequest, fd: number, signal: AbortSignal): Promise<UnitExit> {
    try {
      await this.poolOf(request.slot).run({ ...request, fd }, { signal });
      return { kind: 'done' };
    } catch (error) {
      if (signal.aborted) return { kind: 'aborted' };
      return { kind: 'crashed', message: this.describeDeath(error) };
    }
  }

  /**
   * The slot's last task (the worker entry's `finishSlot`). A slot with no thread here has no stray
   * errors, but may have a setupWorker teardown left by a thread of a process that crashed.
   */
  async finishSlot(slot: number, settings: RunSettings): Promise<StrayError[]> {
    const pool = settings.setupWorker ? this.poolOf(slot) : this.pools.get(slot);
    // a thread that cannot answer has nothing to say
    return ((await pool?.run({ slot, settings }, { name: 'finishSlot' }).catch(() => [])) ?? []) as StrayError[];
  }

  /** Replaces the slot's thread with a fresh one (its heap grew too much). */
  async recycle(slot: number): Promise<void> {
    const pool = this.pools.get(slot);
    this.pools.delete(slot);
    await pool?.destroy();
    this.poolOf(slot);
  }

  async destroy(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.destroy()));
    this.pools.clear();
  }

  private poolOf(slot: number): Piscina {
    const existing = this.pools.get(slot);
    if (existing) return existing;
    const { filename, maxMemoryMb, onIdleDeath } = this.options;
    const pool = new Piscina({
      filename,
      minThreads: 1,
      maxThreads: 1,
      idleTimeout: Number.MAX_SAFE_INTEGER,
      // Plain message passing: an idle worker's event loop keeps running (Atomics.wait would
      // freeze timers a test file left behind), and the latency is nothing next to a file.
      atomics: 'disabled',
      ...(maxMemoryMb ? { resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb } } : {}),
    });
    // Without a listener, piscina's 'error' for a thread that dies between tasks would be an
    // uncaught exception of the host.
    pool.on('error', (error: Error) => onIdleDeath(slot, error));
    this.pools.set(slot, pool);
    return pool;
  }

  private describeDeath(error: unknown): string {
    if ((error as NodeJS.ErrnoException | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') return outOfMemoryMessage('thread', this.options.maxMemoryMb);
    return error instanceof Error ? error.message : String(error);
  }
}
