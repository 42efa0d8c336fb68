/**
 * Errors nobody caught inside the thread: a throw from a timer, an unhandled promise rejection.
 * Left alone they kill the thread and every test it would still run; caught here, they fail what is
 * running (as Jest does), or are reported as an error of the file, and the thread lives on.
 */
export class UncaughtErrors {
  private listener: ((error: unknown) => void) | undefined;
  private readonly pending: unknown[] = [];

  /** Once per thread: routes the process-level events of this thread here. */
  install(): this {
    process.on('uncaughtException', (error) => this.deliver(error));
    process.on('unhandledRejection', (reason) => this.deliver(reason));
    return this;
  }

  /** A promise that rejects with the next uncaught error, until `stop` is called. */
  watch(): { failed: Promise<never>; stop: () => void } {
    let stop = (): void => {};
    const failed = new Promise<never>((_, reject) => {
      this.listener = reject;
      stop = () => {
        if (this.listener === reject) this.listener = undefined;
      };
    });
    failed.catch(() => {}); // nobody may be racing it when it rejects
    return { failed, stop };
  }

  /** errors that arrived while nothing was being watched */
  takePending(): unknown[] {
    return this.pending.splice(0);
  }

  private deliver(error: unknown): void {
    if (this.listener) this.listener(error);
    else this.pending.push(error);
  }
}
