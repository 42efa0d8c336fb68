import { describe, expect, it } from 'vitest';
import { detachedEnv } from '../../../src/sandbox/thread-env.js';
import { withEnvRestored } from '../../../src/sandbox/worker-sandbox.js';

describe('withEnvRestored', () => {
  it('undoes what a file added, changed and deleted in process.env, also when the file failed', async () => {
    process.env.PTEST_T_KEPT = 'original';
    process.env.PTEST_T_DELETED = 'here';
    const before = { ...process.env };
    await expect(
      withEnvRestored(async () => {
        process.env.PTEST_T_ADDED = 'new';
        process.env.PTEST_T_KEPT = 'changed';
        delete process.env.PTEST_T_DELETED;
        throw new Error('the file failed');
      }),
    ).rejects.toThrow('the file failed');
    expect({ ...process.env }).toEqual(before);
    delete process.env.PTEST_T_KEPT;
    delete process.env.PTEST_T_DELETED;
  });

  it('puts the thread’s process.env back when a file replaced it', async () => {
    const env = process.env;
    await withEnvRestored(async () => {
      process.env = { ONLY: 'this' };
    });
    expect(process.env).toBe(env);
    expect(process.env.ONLY).toBeUndefined();
  });
});

describe('a worker thread’s detached process.env', () => {
  it('starts as a copy of the environment and keeps its changes to itself', () => {
    const source: NodeJS.ProcessEnv = { HOME: '/home/u' };
    const env = detachedEnv(source);
    env.ADDED = 'x';
    delete env.HOME;
    expect({ ...env }).toEqual({ ADDED: 'x' });
    expect(source).toEqual({ HOME: '/home/u' });
  });

  it('stores values as strings, as Node’s process.env does', () => {
    const env = detachedEnv({}) as Record<string, unknown>;
    env.PORT = 3000;
    Object.assign(env, { DEBUG: true });
    Object.defineProperty(env, 'LIMIT', { value: 5, enumerable: true, configurable: true, writable: true });
    expect([env.PORT, env.DEBUG, env.LIMIT]).toEqual(['3000', 'true', '5']);
  });
});
