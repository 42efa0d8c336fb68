import { UsageError } from './usage-error.js';

/**
 * `--shard i/n` (1-based, as Jest, Vitest and Playwright write it) or `--shard auto`, which reads
 * the CI system's own parallel-job variables. Every mistake is a one-line usage error (exit 4).
 */
export interface ShardSpec {
  /** 1-based */
  index: number;
  total: number;
}

/** where `auto` looks, in order: each CI's index and total variables, and whether its index is 0-based */
const CI_VARIABLES = [
  { ci: 'GitLab', index: 'CI_NODE_INDEX', total: 'CI_NODE_TOTAL', zeroBased: false },
  { ci: 'CircleCI', index: 'CIRCLE_NODE_INDEX', total: 'CIRCLE_NODE_TOTAL', zeroBased: true },
  { ci: 'Buildkite', index: 'BUILDKITE_PARALLEL_JOB', total: 'BUILDKITE_PARALLEL_JOB_COUNT', zeroBased: true },
  { ci: 'Azure Pipelines', index: 'SYSTEM_JOBPOSITIONINPHASE', total: 'SYSTEM_TOTALJOBSINPHASE', zeroBased: false },
] as const;

export function parseShard(value: string, env: NodeJS.ProcessEnv): ShardSpec {
  if (value !== 'auto') return parseFraction(value, '--shard');
  if (env.PTEST_SHARD) return parseFraction(env.PTEST_SHARD, 'PTEST_SHARD');
  for (const v of CI_VARIABLES) {
    const index = env[v.index];
    const total = env[v.total];
    if (index === undefined || total === undefined) continue;
    const from = `--shard auto (${v.ci}: ${v.index}=${index}, ${v.total}=${total})`;
    const i = wholeOrNaN(index) + (v.zeroBased ? 1 : 0);
    return checked(i, wholeOrNaN(total), from);
  }
  const names = ['PTEST_SHARD', ...CI_VARIABLES.map((v) => `${v.index}/${v.total}`)].join(', ');
  throw new UsageError(`--shard auto: no CI shard variables are set (looked for ${names}); pass --shard i/n`);
}

function parseFraction(value: string, from: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  if (!m) throw new UsageError(`${from}: expected i/n (as in 2/4) or auto, got '${value}'`);
  return checked(Number(m[1]), Number(m[2]), from);
}

function checked(index: number, total: number, from: string): ShardSpec {
  if (!Number.isInteger(total) || total < 1) throw new UsageError(`${from}: the shard count must be a whole number above 0`);
  if (!Number.isInteger(index) || index < 1) throw new UsageError(`${from}: shards are numbered from 1, got ${index}`);
  if (index > total) throw new UsageError(`${from}: shard ${index} of ${total} does not exist (shards are 1 to ${total})`);
  return { index, total };
}

function wholeOrNaN(value: string): number {
  return /^\d+$/.test(value.trim()) ? Number(value) : NaN;
}
