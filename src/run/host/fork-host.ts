import { pathToFileURL } from 'node:url';
import type { RunRequest, RunSettings, StrayError } from '../../model/protocol.js';
import type { UnitExit } from '../pool.js';
import { hostConfig, serveHost, type SlotExecutor } from './serve-host.js';

/**
 * Main module of a forked worker (`--pool forks`): one process per slot that runs its units on its
 * own main thread, for suites that need what threads cannot give (process.chdir(), a process of
 * their own). An abort or a recycle is the coordinator killing this process, since a unit that
 * hangs synchronously would never read the command.
 */
interface WorkerEntry {
  default(task: RunRequest & { fd: number }): Promise<void>;
  finishSlot(task: { slot: number; settings: RunSettings }): Promise<StrayError[]>;
}

// A unit stuck in a synchronous loop never gets to read 'disconnect': should the coordinator die,
// its orphan guard (orphan-guard.ts) kills this process.
const config = hostConfig();
const entry = (await import(pathToFileURL(config.workerEntry).href)) as WorkerEntry;
const cwd = process.cwd();

class MainThreadWorker implements SlotExecutor {
  async run(request: RunRequest, fd: number): Promise<UnitExit> {
    try {
      await entry.default({ ...request, fd });
      return { kind: 'done' };
    } catch (error) {
      return { kind: 'crashed', message: error instanceof Error ? error.message : String(error) };
    } finally {
      // a file that changed directory does not move the next one
      process.chdir(cwd);
    }
  }

  finishSlot(slot: number, settings: RunSettings): Promise<StrayError[]> {
    return entry.finishSlot({ slot, settings }).catch(() => []);
  }

  async recycle(): Promise<void> {}

  async destroy(): Promise<void> {}
}

serveHost(config, () => new MainThreadWorker());
