import { writeJsonLineSync } from '../../io/sync-lines.js';
import type { RunRequest, RunSettings, StrayError } from '../../model/protocol.js';
import type { UnitExit } from '../pool.js';
import { slotFd as pipeOf, type HostCommand, type HostConfig, type HostLine } from './host-wire.js';

/** What runs the units inside a host process: worker threads, or the process's own main thread. */
export interface SlotExecutor {
  /** runs the unit; the worker writes its messages to `fd`. Never rejects. */
  run(request: RunRequest, fd: number, signal: AbortSignal): Promise<UnitExit>;
  finishSlot(slot: number, settings: RunSettings): Promise<StrayError[]>;
  recycle(slot: number): Promise<void>;
  destroy(): Promise<void>;
}

/** The host's configuration, passed as its one argument; taken out of process.argv so tests never see it. */
export function hostConfig(): HostConfig {
  const [json] = process.argv.splice(2);
  return JSON.parse(json ?? '') as HostConfig;
}

/**
 * The host side of the wire, for either kind of host: commands in over IPC, each slot's lines out
 * on its own pipe. It only relays; the executor owns execution.
 */
export function serveHost(config: HostConfig, makeExecutor: (reply: (slot: number, line: HostLine) => void) => SlotExecutor): void {
  const slotFd = (slot: number): number => pipeOf(config.slots, slot);
  const reply = (slot: number, line: HostLine): void => writeJsonLineSync(slotFd(slot), line);
  const executor = makeExecutor(reply);
  const running = new Map<number, AbortController>();

  async function handle(command: HostCommand): Promise<void> {
    switch (command.type) {
      case 'run': {
        const { slot } = command.request;
        const controller = new AbortController();
        running.set(slot, controller);
        const exit = await executor.run(command.request, slotFd(slot), controller.signal);
        running.delete(slot);
        return reply(slot, { type: 'host:exit', exit });
      }
      case 'abort':
        return running.get(command.slot)?.abort();
      case 'finish':
        return reply(command.slot, { type: 'host:finished', errors: await executor.finishSlot(command.slot, command.settings) });
      case 'recycle':
        await executor.recycle(command.slot);
        return reply(command.slot, { type: 'host:recycled' });
    }
  }

  process.on('message', (command: HostCommand) => void handle(command));
  // The coordinator closes the channel when the run is over, or dies: either way, nothing is left to do.
  process.on('disconnect', () => void executor.destroy().finally(() => process.exit(0)));
  // Ctrl-C reaches the whole process group: the coordinator decides how the run stops, not this process.
  process.on('SIGINT', () => {}).on('SIGTERM', () => {});
}
