import { describe, expect, it } from 'vitest';
import { setVitestEnv, setVitestWorkerEnv } from '../../../src/io/runner-env.js';

describe("Vitest's environment variables", () => {
  it('are set as Vitest sets them before it reads its config, keeping what the shell set', () => {
    const env: NodeJS.ProcessEnv = { TEST: 'custom' };
    setVitestEnv(env);
    expect(env).toEqual({ VITEST: 'true', TEST: 'custom', VITEST_MODE: 'RUN' });
  });

  it("give each worker its slot from 1 as its pool id and worker id", () => {
    const env: NodeJS.ProcessEnv = {};
    setVitestWorkerEnv(0, env);
    expect(env).toMatchObject({ VITEST: 'true', VITEST_POOL_ID: '1', VITEST_WORKER_ID: '1' });
    setVitestWorkerEnv(3, env);
    expect(env).toMatchObject({ VITEST_POOL_ID: '4', VITEST_WORKER_ID: '4' });
  });
});
