import { lendDynamicImport } from '../io/dynamic-import.js';
import { THREAD_RUNTIME } from '../runtime-paths.js';
import { requireCached } from './cached-load.js';
import type { finishSlot as FinishSlot, PoolTask } from './entry.js';

/**
 * The module piscina starts in each worker thread, and a forked worker's entry: it loads the
 * thread's runtime (src/thread-runtime.ts) through V8's code cache and hands over to its handlers.
 */
lendDynamicImport((specifier) => import(specifier));
const runtime = requireCached(THREAD_RUNTIME) as { handle: (task: PoolTask) => Promise<void>; finishSlot: typeof FinishSlot };

export default function handle(task: PoolTask): Promise<void> {
  return runtime.handle(task);
}

export const finishSlot: typeof FinishSlot = (task) => runtime.finishSlot(task);
