/**
 * What Vitest puts in process.env before it reads its config, which every worker inherits: code
 * that asks whether it runs under Vitest (a config's `if (process.env.VITEST)`, a library's test
 * branch) finds it does. Values the shell set stay.
 */
export function setVitestEnv(env: NodeJS.ProcessEnv = process.env): void {
  env.VITEST ??= 'true';
  env.TEST ??= 'true';
  env.VITEST_MODE ??= 'RUN';
}

/**
 * A Vitest worker's own: VITEST_POOL_ID, its slot among the run's workers from 1 (a suite names
 * its per-worker fixture folder or database after it), and VITEST_WORKER_ID, here the same (Vitest
 * counts its worker starts; ptest's slots are unique among the workers running at once as well).
 */
export function setVitestWorkerEnv(slot: number, env: NodeJS.ProcessEnv = process.env): void {
  setVitestEnv(env);
  env.VITEST_POOL_ID = String(slot + 1);
  env.VITEST_WORKER_ID = String(slot + 1);
}
