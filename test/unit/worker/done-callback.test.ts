import { describe, expect, it } from 'vitest';

import { run } from './execute-harness.js';

/** Jest's callback-style tests: the test ends when it calls done, with what it passes */
const jest = { doneCallbacks: 'circus' as const };
const later = (f: () => void) => void setTimeout(f, 5);
// the collector types a test's parameter as ptest's context; a Jest file's is `done`
const callback = (f: (done: (reason?: unknown) => void) => void) => f as never;

function errorOf(messages: Awaited<ReturnType<typeof run>>['messages'], id: string): string | undefined {
  for (const m of messages) if (m.type === 'test:end' && m.id === id) return m.attempt.error?.message;
  return undefined;
}

describe('done callbacks (a Jest file)', () => {
  it('fails a test whose assertion fails in a timer before done(error)', async () => {
    const { ends, messages } = await run((c) => {
      c.addTest('late failure', callback((done) => later(() => {
        try {
          expect(1 + 1).toBe(3);
          done();
        } catch (error) {
          done(error);
        }
      })), 'none', undefined);
    }, undefined, 1000, jest);
    expect(ends).toEqual([['f.ts > late failure', 'failed']]);
    expect(errorOf(messages, 'f.ts > late failure')).toMatch(/expected 2 to be 3/);
  });

  it('waits for done, and a beforeEach that takes done finishes before the test', async () => {
    const log: string[] = [];
    const { ends } = await run((c) => {
      c.addHook('beforeEach', callback((done) => later(() => {
        log.push('hook done');
        done();
      })), undefined);
      c.addTest('slow', callback((done) => later(() => {
        log.push('test done');
        done();
      })), 'none', undefined);
      c.addTest('next', () => void log.push('next'), 'none', undefined);
    }, undefined, 1000, jest);
    expect(ends.map(([, s]) => s)).toEqual(['passed', 'passed']);
    expect(log).toEqual(['hook done', 'test done', 'hook done', 'next']);
  });

  it('fails with Jest\'s words when done gets a non-error, or the test also returns something', async () => {
    const { messages } = await run((c) => {
      c.addTest('string', callback((done) => later(() => done('nope'))), 'none', undefined);
      c.addTest('both', callback(((done: () => void) => {
        later(done);
        return Promise.resolve();
      }) as never), 'none', undefined);
    }, undefined, 1000, jest);
    expect(errorOf(messages, 'f.ts > string')).toBe('Failed: "nope"');
    expect(errorOf(messages, 'f.ts > both')).toMatch(/^Test functions cannot both take a 'done' callback and return something/);
  });

  it('times out a test that never calls done', async () => {
    const { ends } = await run((c) => c.addTest('forgot', callback((_done) => {}), 'none', undefined), undefined, 50, jest);
    expect(ends).toEqual([['f.ts > forgot', 'timedOut']]);
  });

  it('passes a context, not done, outside Jest files', async () => {
    let seen: unknown;
    await run((c) => c.addTest('ctx', (ctx) => void (seen = typeof ctx), 'none', undefined), undefined, 1000, {});
    expect(seen).toBe('object');
  });
});

describe('done callbacks under jasmine2 (Jest 26 and older)', () => {
  const jasmine2 = { doneCallbacks: 'jasmine2' as const };

  it('waits for done and ignores the promise an async hook or test returns', async () => {
    const log: string[] = [];
    const { ends } = await run((c) => {
      c.addHook('beforeEach', callback((async (done: () => void) => {
        await Promise.resolve();
        later(() => {
          log.push('hook done');
          done();
        });
      }) as never), undefined);
      c.addTest('async done', callback((async (done: () => void) => {
        // the promise settles first; the test is not over until done
        later(() => {
          log.push('test done');
          done();
        });
      }) as never), 'none', undefined);
    }, undefined, 1000, jasmine2);
    expect(ends).toEqual([['f.ts > async done', 'passed']]);
    expect(log).toEqual(['hook done', 'test done']);
  });

  it('fails a test whose returned promise rejects, and one that calls done.fail', async () => {
    const { messages, ends } = await run((c) => {
      c.addTest('rejects', callback((async (_done: () => void) => {
        throw new Error('boom before done');
      }) as never), 'none', undefined);
      c.addTest('done.fail', callback(((done: { fail: (r: unknown) => void }) => later(() => done.fail('gave up'))) as never), 'none', undefined);
    }, undefined, 1000, jasmine2);
    expect(ends.map(([, s]) => s)).toEqual(['failed', 'failed']);
    expect(errorOf(messages, 'f.ts > rejects')).toBe('boom before done');
    expect(errorOf(messages, 'f.ts > done.fail')).toBe('Failed: "gave up"');
  });
});
