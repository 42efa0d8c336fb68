import { writeJsonLineSync } from '../../io/sync-lines.js';
import { SLOT_FD_BASE, type HostCommand, type HostConfig, type HostLine } from './host-wire.js';
import { ThreadPools } from './thread-pools.js';

/**
 * Main module of the host process: the CLI forks it to own the worker threads, so that a native
 * crash in a thread (process.abort(), a segfault, a fatal V8 error) kills this process and not the
 * coordinator. It only relays: commands in, slot lines out.
 */
const config = JSON.parse(process.argv[2] ?? '') as HostConfig;
const slotFd = (slot: number): number => SLOT_FD_BASE + slot;
const reply = (slot: number, line: HostLine): void => writeJsonLineSync(slotFd(slot), line);

const threads = new ThreadPools({
  filename: config.workerEntry,
  maxMemoryMb: config.maxMemoryMb,
  onIdleDeath: (slot, error) => reply(slot, { type: 'host:idle-death', message: error.message }),
});
const running = new Map<number, AbortController>();

async function handle(command: HostCommand): Promise<void> {
  switch (command.type) {
    case 'run': {
      const { slot } = command.request;
      const controller = new AbortController();
      running.set(slot, controller);
      const exit = await threads.run(command.request, slotFd(slot), controller.signal);
      running.delete(slot);
      return reply(slot, { type: 'host:exit', exit });
    }
    case 'abort':
      return running.get(command.slot)?.abort();
    case 'finish':
      return reply(command.slot, { type: 'host:finished', errors: await threads.finishSlot(command.slot, command.settings) });
    case 'recycle':
      await threads.recycle(command.slot);
      return reply(command.slot, { type: 'host:recycled' });
  }
}

process.on('message', (command: HostCommand) => void handle(command));
// The coordinator closes the channel when the run is over, or dies: either way, nothing is left to do.
process.on('disconnect', () => void threads.destroy().finally(() => process.exit(0)));
// Ctrl-C reaches the whole process group: the coordinator decides how the run stops, not this process.
process.on('SIGINT', () => {}).on('SIGTERM', () => {});
