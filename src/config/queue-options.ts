import { hostname } from 'node:os';
import { positiveInt, wholeNumber } from './numbers.js';
import { UsageError } from './usage-error.js';

/**
 * `--queue redis://…` and what goes with it: the build every job of one CI run shares, this job's
 * own id, and the lease settings. The URL may carry a password; only `redacted` is ever printed.
 */
export interface QueueOptions {
  /** as given (redis:// or rediss://, with any user and password) */
  url: string;
  /** the URL with its password replaced, for messages and reports */
  redacted: string;
  buildId: string;
  /** stable across a CI retry of the same job where the CI gives a job index; else unique */
  jobId: string;
  /** how long a reserved unit stays reserved without a heartbeat from its job */
  leaseMs: number;
  /** how long a follower waits for the leader's plan, and `report` for the queue to drain */
  timeoutMs: number;
  /** how long `report` waits with units left while no job is running */
  idleTimeoutMs: number;
  /** send a test that failed back to the queue up to this many times, for another job to retry */
  requeue: number;
  /** wait for the whole build and report it, instead of this job alone */
  waitReport: boolean;
  /** what to do when Redis cannot be reached at the start */
  fallback: 'none' | 'shard';
}

export interface QueueConfig {
  /** a URL, or true for `--queue` alone: the URL is in PTEST_REDIS_URL (so the password stays out of the command line) */
  queue?: string | boolean;
  buildId?: string;
  jobId?: string;
  queueLease?: number | string;
  queueTimeout?: number | string;
  queueIdleTimeout?: number | string;
  requeue?: number | string;
  waitReport?: boolean;
  queueFallback?: string;
}

export const DEFAULT_LEASE_MS = 30_000;
export const DEFAULT_QUEUE_TIMEOUT_MS = 30 * 60_000;
export const DEFAULT_QUEUE_IDLE_TIMEOUT_MS = 2 * 60_000;

export function parseQueueOptions(config: QueueConfig, env: NodeJS.ProcessEnv): QueueOptions | null {
  const url = config.queue === true ? (env.PTEST_REDIS_URL ?? missingUrl()) : config.queue || undefined;
  if (url === undefined) {
    if (config.waitReport) throw new UsageError('--wait-report needs --queue');
    return null;
  }
  const redacted = redactUrl(url);
  if (!/^rediss?:\/\//.test(url)) throw new UsageError(`--queue: expected a redis:// or rediss:// URL, got '${redacted}'`);
  try {
    new URL(url);
  } catch {
    throw new UsageError(`--queue: '${redacted}' is not a valid URL`);
  }
  const fallback = config.queueFallback ?? 'none';
  if (fallback !== 'none' && fallback !== 'shard') throw new UsageError(`--queue-fallback: expected 'shard', got '${fallback}'`);
  return {
    url,
    redacted,
    buildId: config.buildId ?? buildIdFromEnv(env) ?? missingBuildId(),
    jobId: config.jobId ?? jobIdFromEnv(env),
    leaseMs: config.queueLease === undefined ? DEFAULT_LEASE_MS : positiveInt(config.queueLease, '--queue-lease'),
    timeoutMs: config.queueTimeout === undefined ? DEFAULT_QUEUE_TIMEOUT_MS : positiveInt(config.queueTimeout, '--queue-timeout'),
    idleTimeoutMs: config.queueIdleTimeout === undefined ? DEFAULT_QUEUE_IDLE_TIMEOUT_MS : positiveInt(config.queueIdleTimeout, '--queue-idle-timeout'),
    requeue: config.requeue === undefined ? 0 : wholeNumber(config.requeue, '--requeue'),
    waitReport: config.waitReport === true,
    fallback,
  };
}

/** One id per CI run, the same in every parallel job of it. */
export function buildIdFromEnv(env: NodeJS.ProcessEnv): string | null {
  if (env.PTEST_BUILD_ID) return env.PTEST_BUILD_ID;
  if (env.GITHUB_RUN_ID) return `github-${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`;
  if (env.CI_PIPELINE_ID) return `gitlab-${env.CI_PIPELINE_ID}`;
  if (env.CIRCLE_WORKFLOW_ID) return `circleci-${env.CIRCLE_WORKFLOW_ID}`;
  if (env.BUILDKITE_BUILD_ID) return `buildkite-${env.BUILDKITE_BUILD_ID}`;
  return null;
}

/** The CI's index of this parallel job (kept when the CI retries the job), else this machine and process. */
export function jobIdFromEnv(env: NodeJS.ProcessEnv): string {
  const index = env.CI_NODE_INDEX ?? env.CIRCLE_NODE_INDEX ?? env.BUILDKITE_PARALLEL_JOB;
  if (index !== undefined) return `job-${index}`;
  if (env.GITHUB_JOB) return `${env.GITHUB_JOB}-${hostname()}-${process.pid}`;
  return `${hostname()}-${process.pid}`;
}

function missingUrl(): never {
  throw new UsageError('--queue: no URL given and PTEST_REDIS_URL is not set');
}

function missingBuildId(): never {
  throw new UsageError('--queue: no build id: pass --build-id <id>, the same in every job of the build (read by default from GITHUB_RUN_ID, CI_PIPELINE_ID, CIRCLE_WORKFLOW_ID or BUILDKITE_BUILD_ID)');
}

/** The URL with its password (and nothing else) replaced by ***. */
export function redactUrl(url: string): string {
  // up to the last @ before the path: a password may hold an unencoded @, which ioredis accepts
  return url.replace(/^(rediss?:\/\/[^:@/]*:)[^/]*@/, '$1***@');
}
