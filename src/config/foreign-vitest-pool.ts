import { isCount, isRecord, keyPath, setOr, type Mapping } from './foreign-shared.js';

/**
 * How Vitest runs files: its `pool` and `isolate` here, its `retry` below. Its vm pools
 * (`vmThreads`, `vmForks`) keep a worker for many files and give each file a fresh context and
 * module graph, sharing Node's built-ins and native addons: ptest's `--isolate modules` on
 * threads or forks. So a suite on node-canvas, which crashes a
 * process that loads it in a second worker thread, runs as its config means it to (fabric's), and
 * `isolate` does not apply to them, as in Vitest.
 */
export function mapVitestPool(test: Record<string, unknown>, testPath: string, m: Mapping): void {
  const { pool, isolate } = test;
  const vm = pool === 'vmThreads' || pool === 'vmForks';
  if (pool !== undefined) {
    const path = keyPath(testPath, 'pool');
    setOr(m, 'pool', vm ? (pool === 'vmThreads' ? 'threads' : 'forks') : pool === 'forks' || pool === 'threads' ? pool : undefined, path);
    if (vm) m.set('isolate', 'modules', path);
  }
  if (isolate !== undefined && !vm) setOr(m, 'isolate', typeof isolate === 'boolean' ? isolate : undefined, keyPath(testPath, 'isolate'));
}

/** Vitest's `retry`: a count, or `{ count, delay, condition }` (a condition has no ptest equivalent) */
export function mapRetry(value: unknown, path: string, m: Mapping): void {
  if (!isRecord(value)) return setOr(m, 'reruns', isCount(value) ? value : undefined, path);
  for (const [k, v] of Object.entries(value)) {
    const count = isCount(v) ? v : undefined;
    if (k === 'count') setOr(m, 'reruns', count, keyPath(path, k));
    else if (k === 'delay') setOr(m, 'rerunsDelay', count, keyPath(path, k));
    else m.ignore(keyPath(path, k));
  }
}
