import { describe, expect, it } from 'vitest';
import { parseShard } from '../../../src/config/shard-option.js';

describe('--shard', () => {
  it('reads i/n, 1-based', () => {
    expect(parseShard('2/4', {})).toEqual({ index: 2, total: 4 });
    expect(parseShard(' 1 / 1 ', {})).toEqual({ index: 1, total: 1 });
  });

  it.each([
    ['5/4', '--shard: shard 5 of 4 does not exist (shards are 1 to 4)'],
    ['0/2', '--shard: shards are numbered from 1, got 0'],
    ['1/0', '--shard: the shard count must be a whole number above 0'],
    ['-1/2', "--shard: expected i/n (as in 2/4) or auto, got '-1/2'"],
  ])('rejects %s in one line', (value, message) => {
    expect(() => parseShard(value, {})).toThrow(message);
  });

  it.each([
    [{ PTEST_SHARD: '3/5' }, { index: 3, total: 5 }],
    [{ CI_NODE_INDEX: '2', CI_NODE_TOTAL: '3' }, { index: 2, total: 3 }],
    // CircleCI and Buildkite count from 0
    [{ CIRCLE_NODE_INDEX: '0', CIRCLE_NODE_TOTAL: '4' }, { index: 1, total: 4 }],
    [{ BUILDKITE_PARALLEL_JOB: '3', BUILDKITE_PARALLEL_JOB_COUNT: '4' }, { index: 4, total: 4 }],
    [{ SYSTEM_JOBPOSITIONINPHASE: '1', SYSTEM_TOTALJOBSINPHASE: '2' }, { index: 1, total: 2 }],
    // PTEST_SHARD wins over what the CI sets
    [{ PTEST_SHARD: '1/2', CI_NODE_INDEX: '2', CI_NODE_TOTAL: '2' }, { index: 1, total: 2 }],
  ])('auto reads the CI variables %j', (env, shard) => {
    expect(parseShard('auto', env)).toEqual(shard);
  });

  it('auto names every variable it looked for when none is set, and the CI variable that is wrong', () => {
    expect(() => parseShard('auto', {})).toThrow(
      '--shard auto: no CI shard variables are set (looked for PTEST_SHARD, CI_NODE_INDEX/CI_NODE_TOTAL, CIRCLE_NODE_INDEX/CIRCLE_NODE_TOTAL, BUILDKITE_PARALLEL_JOB/BUILDKITE_PARALLEL_JOB_COUNT, SYSTEM_JOBPOSITIONINPHASE/SYSTEM_TOTALJOBSINPHASE); pass --shard i/n',
    );
    expect(() => parseShard('auto', { CIRCLE_NODE_INDEX: '4', CIRCLE_NODE_TOTAL: '4' })).toThrow('--shard auto (CircleCI: CIRCLE_NODE_INDEX=4, CIRCLE_NODE_TOTAL=4): shard 5 of 4 does not exist');
  });
});
