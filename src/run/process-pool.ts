import type { RunRequest, RunSettings, StrayError, WorkerMessage } from '../model/protocol.js';
import { HostProcess, type HostProcessOptions } from './host/host-process.js';
import type { Pool, UnitExit } from './pool.js';

/**
 * The default pool (`--pool threads`): worker threads in a host process the coordinator supervises. A host that dies
 * (a native crash takes every thread with it) is replaced by a fresh one at the next unit; the
 * units it was running come back as crashed, and the dispatcher decides what to make of them.
 */
export class ProcessPool implements Pool {
  private host: HostProcess;

  constructor(private readonly options: HostProcessOptions) {
    // started now, so the process boots while the caller finishes preparing the run
    this.host = new HostProcess(options);
  }

  run(request: RunRequest, onMessage: (message: WorkerMessage) => void, signal: AbortSignal): Promise<UnitExit> {
    return this.live().run(request, onMessage, signal);
  }

  /** A host that died with the last unit took its stray errors along, but a setupWorker teardown still has to run. */
  finishSlot(slot: number, settings: RunSettings): Promise<StrayError[]> {
    if (this.host.dead && !settings.setupWorker) return Promise.resolve([]);
    return this.live().finishSlot(slot, settings);
  }

  recycle(slot: number): Promise<void> {
    return this.live().recycle(slot);
  }

  destroy(): Promise<void> {
    return this.host.close();
  }

  private live(): HostProcess {
    if (this.host.dead) this.host = new HostProcess(this.options);
    return this.host;
  }
}
