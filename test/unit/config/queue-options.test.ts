import { describe, expect, it } from 'vitest';
import { buildIdFromEnv, jobIdFromEnv, parseQueueOptions, redactUrl } from '../../../src/config/queue-options.js';

describe('--queue options', () => {
  it('hides the password of a URL, and only the password', () => {
    expect(redactUrl('redis://ci:s3cret@redis.internal:6379/2')).toBe('redis://ci:***@redis.internal:6379/2');
    expect(redactUrl('rediss://:s3cret@host:6380')).toBe('rediss://:***@host:6380');
    expect(redactUrl('redis://host:6379/0')).toBe('redis://host:6379/0');
    // ioredis takes an unencoded @ in a password: all of it is hidden
    expect(redactUrl('redis://:pass@word@127.0.0.1:6999/0')).toBe('redis://:***@127.0.0.1:6999/0');
  });

  it('takes the URL from PTEST_REDIS_URL when --queue has no value', () => {
    const q = parseQueueOptions({ queue: true, buildId: 'b' }, { PTEST_REDIS_URL: 'rediss://u:pw@h:1/0' });
    expect(q).toMatchObject({ url: 'rediss://u:pw@h:1/0', redacted: 'rediss://u:***@h:1/0', buildId: 'b' });
  });

  it.each([
    [{ GITHUB_RUN_ID: '77', GITHUB_RUN_ATTEMPT: '2' }, 'github-77-2'],
    [{ CI_PIPELINE_ID: '9' }, 'gitlab-9'],
    [{ CIRCLE_WORKFLOW_ID: 'w-1' }, 'circleci-w-1'],
    [{ BUILDKITE_BUILD_ID: 'bk' }, 'buildkite-bk'],
    [{ PTEST_BUILD_ID: 'mine', GITHUB_RUN_ID: '77' }, 'mine'],
    [{}, null],
  ])('reads the build id from the CI: %o → %s', (env, id) => {
    expect(buildIdFromEnv(env)).toBe(id);
  });

  it('names the job by the CI\'s parallel index, which a retry of the job keeps', () => {
    expect(jobIdFromEnv({ CI_NODE_INDEX: '3' })).toBe('job-3');
    expect(jobIdFromEnv({ CIRCLE_NODE_INDEX: '0' })).toBe('job-0');
  });

  it.each([
    [{ queue: 'http://host' }, "--queue: expected a redis:// or rediss:// URL, got 'http://host'"],
    [{ queue: 'redis://h:6379' }, '--queue: no build id: pass --build-id <id>'],
    [{ queue: true, buildId: 'b' }, '--queue: no URL given and PTEST_REDIS_URL is not set'],
    [{ waitReport: true }, '--wait-report needs --queue'],
    [{ queue: 'redis://u:pw@h', buildId: 'b', queueLease: 'x' }, '--queue-lease'],
  ])('rejects %o with one line', (config, message) => {
    expect(() => parseQueueOptions(config, {})).toThrow(message);
  });

  it('takes --requeue 0 as off, as when it is not given', () => {
    expect(parseQueueOptions({ queue: 'redis://h', buildId: 'b', requeue: '0' }, {})?.requeue).toBe(0);
  });

  it('leaves the password out of its own errors', () => {
    expect(() => parseQueueOptions({ queue: 'redis://u:pw@h:notaport' }, {})).toThrow("'redis://u:***@h:notaport' is not a valid URL");
  });
});
