import { AsyncLocalStorage } from 'node:async_hooks';
import type { TestError } from '../model/results.js';

/** an error caught while no test or hook ran, as the file's error */
export interface StrayReport {
  file: string | undefined;
  message: string;
  stack?: string;
}

/**
 * Errors nobody caught inside the thread: a throw from a timer, an unhandled promise rejection.
 * Left alone they kill the thread and every test it would still run; caught here, they fail what is
 * running (as Jest does), or are reported as an error of the file, and the thread lives on.
 */
export class UncaughtErrors {
  /** the running tests' and hooks' listeners, the latest last */
  private readonly listeners = new Set<(error: unknown) => void>();
  /** whose callback threw: concurrent tests each have their own listener in their async context */
  private readonly watcher = new AsyncLocalStorage<(error: unknown) => void>();
  private readonly pending: { error: unknown; file: string | undefined }[] = [];
  /** which file's code scheduled the callback that threw: timers and promises carry it along */
  private readonly origin = new AsyncLocalStorage<string>();
  private currentFile: string | undefined;

  /** Runs a unit of `file`: what its code schedules, even for later, stays attributed to it. */
  async within<T>(file: string, run: () => Promise<T>): Promise<T> {
    this.currentFile = file;
    try {
      return await this.origin.run(file, run);
    } finally {
      this.currentFile = undefined;
    }
  }

  /** Once per thread: routes the process-level events of this thread here. */
  install(): this {
    process.on('uncaughtException', (error) => this.deliver(error));
    process.on('unhandledRejection', (reason) => this.deliver(reason));
    return this;
  }

  /**
   * A promise that rejects with the next uncaught error of what runs `within` (or, from code of no
   * running test, of the latest started), until `stop` is called.
   */
  watch(): { failed: Promise<never>; stop: () => void; within: <T>(fn: () => T) => T } {
    let listener = (_error: unknown): void => {};
    const failed = new Promise<never>((_, reject) => {
      listener = reject;
    });
    failed.catch(() => {}); // nobody may be racing it when it rejects
    this.listeners.add(listener);
    return { failed, stop: () => void this.listeners.delete(listener), within: (fn) => this.watcher.run(listener, fn) };
  }

  /** Errors that arrived while nothing was watched, each worded for the file it came from. */
  takeReports(toError: (thrown: unknown) => TestError): StrayReport[] {
    return this.pending.splice(0).map(({ error, file }) => {
      const { message, stack } = toError(error);
      const where = file !== undefined && file === this.currentFile ? 'outside any test' : 'after its file finished';
      return { file, message: `uncaught ${where}: ${message}`, ...(stack ? { stack } : {}) };
    });
  }

  /** An error from the running file fails what runs; one from an earlier file is that file's. */
  private deliver(error: unknown): void {
    const file = this.origin.getStore() ?? this.currentFile;
    const own = this.watcher.getStore();
    // a test that has ended: the error fails what runs now, as in Jest
    const listener = own !== undefined && this.listeners.has(own) ? own : [...this.listeners].at(-1);
    if (listener && file === this.currentFile) listener(error);
    else this.pending.push({ error, file });
  }

}
