/** A promise from any realm or library: anything with a `then` method, as `await` takes it. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
