import { isMainThread } from 'node:worker_threads';

/**
 * A worker thread's process.env is already the thread's own copy of the environment, yet every
 * read or write of it crosses into C++: copying it and putting it back around every file (see
 * withEnvRestored) cost more than a trivial test file. Here, before any other module of the thread
 * loads and keeps a reference to it, it becomes a plain copy. Nothing is lost: a thread's changes
 * never reached the process's real environment (not even TZ). A forked worker keeps its real one,
 * where TZ still takes effect.
 */
if (!isMainThread) process.env = detachedEnv(process.env);

/** A copy of `env` that stores every value as a string, as Node's process.env does. */
export function detachedEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return new Proxy({ ...env }, {
    set: (copy, key, value: unknown) => Reflect.set(copy, key, String(value)),
    defineProperty: (copy, key, descriptor) => Reflect.defineProperty(copy, key, 'value' in descriptor ? { ...descriptor, value: String(descriptor.value) } : descriptor),
  });
}
