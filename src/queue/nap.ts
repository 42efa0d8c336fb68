/**
 * A pause that ends after `ms`, or at once when woken: the reserve loop waits on it between asks,
 * and a slot that finishes (or a stop) wakes it rather than waiting out the timer.
 */
export class Nap {
  private wakeUp: (() => void) | undefined;

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(), ms);
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      this.wakeUp = done;
    });
  }

  wake(): void {
    this.wakeUp?.();
  }
}
