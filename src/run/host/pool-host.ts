import { hostConfig, serveHost } from './serve-host.js';
import { ThreadPools } from './thread-pools.js';

/**
 * Main module of the threads host: the CLI forks it to own every slot's worker thread, so that a
 * native crash in a thread (process.abort(), a segfault, a fatal V8 error) kills this process and
 * not the coordinator.
 */
const config = hostConfig();
serveHost(
  config,
  (reply) =>
    new ThreadPools({
      filename: config.workerEntry,
      maxMemoryMb: config.maxMemoryMb,
      onIdleDeath: (slot, error) => reply(slot, { type: 'host:idle-death', message: error.message }),
    }),
);
