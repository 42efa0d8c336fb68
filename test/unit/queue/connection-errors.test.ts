import { expect, it } from 'vitest';
import { isRedisFailure } from '../../../src/queue/connection-errors.js';

it("tells Redis's failures (a lost connection, a socket error, an error reply) from ptest's own errors", () => {
  const named = (name: string, message = '') => Object.assign(new Error(message), { name });
  expect(isRedisFailure(named('MaxRetriesPerRequestError', 'Reached the max retries per request limit'))).toBe(true);
  expect(isRedisFailure(named('ReplyError', 'WRONGTYPE Operation against a key holding the wrong kind of value'))).toBe(true);
  expect(isRedisFailure(new Error('Connection is closed.'))).toBe(true);
  expect(isRedisFailure(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
  expect(isRedisFailure(new TypeError("Cannot read properties of undefined (reading 'total')"))).toBe(false);
  expect(isRedisFailure(Object.assign(new Error('bad'), { code: 'ERR_INVALID_ARG_TYPE' }))).toBe(false);
  expect(isRedisFailure(undefined)).toBe(false);
});
