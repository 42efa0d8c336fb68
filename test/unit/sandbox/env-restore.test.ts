import { describe, expect, it } from 'vitest';
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
});
