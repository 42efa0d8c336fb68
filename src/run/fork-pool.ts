import type { RunRequest, RunSettings, StrayError, WorkerMessage } from '../model/protocol.js';
import { HostProcess, type HostProcessOptions } from './host/host-process.js';
import { orphanGuard } from './host/orphan-guard.js';
import type { Pool, UnitExit } from './pool.js';

export type ForkPoolOptions = Omit<HostProcessOptions, 'config' | 'abortBy' | 'execArgv' | 'orphanGuard'> & {
  workerEntry: string;
  maxMemoryMb: number | null;
};

/**
 * `--pool forks`: each slot is a child process that runs its units on its main thread. The same
 * wire and the same worker code as the threads host, one process per slot instead of one thread.
 * A slot's process that dies, is aborted or is recycled is replaced at its next unit.
 */
export class ForkPool implements Pool {
  private readonly hosts = new Map<number, HostProcess>();

  constructor(private readonly options: ForkPoolOptions) {}

  run(request: RunRequest, onMessage: (message: WorkerMessage) => void, signal: AbortSignal): Promise<UnitExit> {
    return this.live(request.slot).run(request, onMessage, signal);
  }

  finishSlot(slot: number, settings: RunSettings): Promise<StrayError[]> {
    const host = this.hosts.get(slot);
    if ((!host || host.dead) && !settings.setupWorker) return Promise.resolve([]);
    return this.live(slot).finishSlot(slot, settings);
  }

  /** A process's heap is given back only by a new process. */
  async recycle(slot: number): Promise<void> {
    await this.hosts.get(slot)?.close();
    this.hosts.delete(slot);
  }

  async destroy(): Promise<void> {
    await Promise.all([...this.hosts.values()].map((host) => host.close()));
    this.hosts.clear();
  }

  private live(slot: number): HostProcess {
    const existing = this.hosts.get(slot);
    if (existing && !existing.dead) return existing;
    const { workerEntry, maxMemoryMb, onIdleDeath, ...rest } = this.options;
    const host = new HostProcess({
      ...rest,
      config: { slots: [slot], workerEntry, maxMemoryMb },
      execArgv: maxMemoryMb ? [`--max-old-space-size=${maxMemoryMb}`] : [],
      abortBy: 'kill',
      orphanGuard,
      // a forked worker serves one slot: its death between units is that slot's
      onIdleDeath: (_slot, message) => onIdleDeath(slot, message),
    });
    this.hosts.set(slot, host);
    return host;
  }
}
