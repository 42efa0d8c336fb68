import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Collector } from '../../../src/worker/collector.js';
import { onTestFailed, onTestFinished } from '../../../src/worker/test-body.js';
import { run, TMP } from './execute-harness.js';
describe('executeFile', () => {
  it('gives each test its worker sandbox and its own tmpdir, made empty on first use only', async () => {
    const seen: { sandbox: string; tmpdir?: string; empty?: boolean }[] = [];
    const { ends } = await run((c) => {
      c.addTest('writes', (ctx) => {
        const empty = readdirSync(ctx.tmpdir).length === 0;
        writeFileSync(join(ctx.tmpdir, 'x'), 'x');
        seen.push({ sandbox: ctx.sandbox, tmpdir: ctx.tmpdir, empty });
      }, 'none', undefined);
      c.addTest('writes too', (ctx) => {
        seen.push({ sandbox: ctx.sandbox, tmpdir: ctx.tmpdir, empty: readdirSync(ctx.tmpdir).length === 0 });
      }, 'none', undefined);
      c.addTest('never asks', (ctx) => void seen.push({ sandbox: ctx.sandbox }), 'none', undefined);
    });
    expect(ends.map(([, status]) => status)).toEqual(['passed', 'passed', 'passed']);
    expect(seen.map((s) => s.sandbox)).toEqual(['/sandbox/w3', '/sandbox/w3', '/sandbox/w3']);
    expect(seen[0]?.tmpdir).not.toBe(seen[1]?.tmpdir);
    expect(seen.slice(0, 2).map((s) => s.empty)).toEqual([true, true]);
    expect(existsSync(join(TMP, 'f_ts___never_asks-0'))).toBe(false);
  });

  it('runs hooks in Jest order around each test', async () => {
    const log: string[] = [];
    await run((c) => {
      c.addHook('beforeAll', () => void log.push('beforeAll'), undefined);
      c.addHook('beforeEach', () => void log.push('beforeEach outer'), undefined);
      c.addHook('afterEach', () => void log.push('afterEach outer'), undefined);
      c.addHook('afterAll', () => void log.push('afterAll'), undefined);
      c.addSuite('inner', () => {
        c.addHook('beforeEach', () => void log.push('beforeEach inner'), undefined);
        c.addHook('afterEach', () => void log.push('afterEach inner'), undefined);
        c.addTest('t', () => void log.push('test'), 'none', undefined);
      }, 'none');
    });
    expect(log).toEqual(['beforeAll', 'beforeEach outer', 'beforeEach inner', 'test', 'afterEach inner', 'afterEach outer', 'afterAll']);
  });

  it('runs a serial block in order and skips the rest of it after its first failure, in a nested block too', async () => {
    const ran: string[] = [];
    const { ends } = await run((c) => {
      c.addSuite('checkout', () => {
        c.addTest('adds to cart', () => void ran.push('adds'), 'none', undefined);
        c.addSuite('payment', () => {
          c.addTest('pays', () => {
            ran.push('pays');
            throw new Error('card declined');
          }, 'none', undefined);
          c.addTest('gets a receipt', () => void ran.push('receipt'), 'none', undefined);
        }, 'none');
        c.addTest('ships', () => void ran.push('ships'), 'none', undefined);
      }, 'none', { serial: true });
      c.addTest('outside the block', () => void ran.push('outside'), 'none', undefined);
    });
    expect(ran).toEqual(['adds', 'pays', 'outside']);
    expect(ends).toEqual([
      ['f.ts > checkout > adds to cart', 'passed'],
      ['f.ts > checkout > payment > pays', 'failed'],
      ['f.ts > checkout > payment > gets a receipt', 'skipped'],
      ['f.ts > checkout > ships', 'skipped'],
      ['f.ts > outside the block', 'passed'],
    ]);
  });

  it('runs on after a failure in a block that is not serial', async () => {
    const { ends } = await run((c) => {
      c.addSuite('plain', () => {
        c.addTest('fails', () => {
          throw new Error('no');
        }, 'none', undefined);
        c.addTest('still runs', () => {}, 'none', undefined);
      }, 'none');
    });
    expect(ends.map(([, status]) => status)).toEqual(['failed', 'passed']);
  });

  it("ctx.skip() skips the test from there on; its afterEach hooks still run", async () => {
    const log: string[] = [];
    const { ends } = await run((c) => {
      c.addHook('afterEach', () => void log.push('afterEach'), undefined);
      c.addTest('not on this platform', (ctx) => {
        log.push('body');
        ctx.skip('needs a GPU');
        log.push('after skip');
      }, 'none', undefined);
    });
    expect(ends).toEqual([['f.ts > not on this platform', 'skipped']]);
    expect(log).toEqual(['body', 'afterEach']);
  });

  it('runs onTestFinished callbacks (from the context or imported) after afterEach, and onTestFailed ones only on failure; a throwing one fails the test', async () => {
    const log: string[] = [];
    const { ends } = await run((c) => {
      c.addHook('afterEach', () => void log.push('afterEach'), undefined);
      c.addTest('passes', (ctx) => {
        ctx.onTestFinished(() => void log.push('finished: passes'));
        onTestFinished(() => void log.push('imported finished: passes'));
        ctx.onTestFailed(() => void log.push('failed: passes'));
      }, 'none', undefined);
      c.addTest('fails', (ctx) => {
        onTestFailed(() => void log.push('failed: fails'));
        ctx.onTestFinished(() => void log.push('finished: fails'));
        throw new Error('no');
      }, 'none', undefined);
      c.addTest('cleans up badly', (ctx) => {
        ctx.onTestFinished(() => {
          throw new Error('could not close the server');
        });
      }, 'none', undefined);
    });
    expect(log).toEqual(['afterEach', 'finished: passes', 'imported finished: passes', 'afterEach', 'finished: fails', 'failed: fails', 'afterEach']);
    expect(ends).toEqual([
      ['f.ts > passes', 'passed'],
      ['f.ts > fails', 'failed'],
      ['f.ts > cleans up badly', 'failed'],
    ]);
  });

  it('takes onTestFinished from a beforeEach or afterEach hook too, as Vitest does', async () => {
    const log: string[] = [];
    const { ends } = await run((c) => {
      c.addHook('beforeEach', () => onTestFinished(() => void log.push('from beforeEach')), undefined);
      c.addHook('afterEach', () => onTestFinished(() => void log.push('from afterEach')), undefined);
      c.addTest('t', () => void log.push('test'), 'none', undefined);
    });
    expect(log).toEqual(['test', 'from beforeEach', 'from afterEach']);
    expect(ends).toEqual([['f.ts > t', 'passed']]);
  });

  it('streams a start and an end per test, in order', async () => {
    const { messages } = await run((c) => {
      c.addTest('a', () => {}, 'none', undefined);
      c.addTest('b', () => {
        throw new Error('nope');
      }, 'none', undefined);
    });
    const kinds = messages.filter((m) => m.type.startsWith('test:')).map((m) => `${m.type} ${'id' in m ? m.id : ''}`);
    expect(kinds).toEqual(['test:start f.ts > a', 'test:end f.ts > a', 'test:start f.ts > b', 'test:end f.ts > b']);
    const end = messages.find((m) => m.type === 'test:end' && m.id === 'f.ts > b');
    expect(end?.type === 'test:end' && end.attempt.error?.message).toBe('nope');
  });

  it('skips every other test of the file when one is marked only', async () => {
    const { ends } = await run((c) => {
      c.addTest('a', () => {}, 'none', undefined);
      c.addSuite('focused', () => c.addTest('b', () => {}, 'none', undefined), 'only');
      c.addTest('c', () => {}, 'only', undefined);
    });
    expect(ends).toEqual([['f.ts > a', 'skipped'], ['f.ts > focused > b', 'passed'], ['f.ts > c', 'passed']]);
  });

  it('narrows focus as jest-circus does: a focused describe passes focus down unless it has focused tests of its own', async () => {
    const { ends } = await run((c) => {
      c.addSuite('A', () => {
        c.addTest('x', () => {}, 'none', undefined);
        c.addSuite('B', () => c.addTest('y', () => {}, 'only', undefined), 'none');
      }, 'only');
      c.addTest('outside', () => {}, 'none', undefined);
    });
    expect(ends).toEqual([['f.ts > A > x', 'passed'], ['f.ts > A > B > y', 'passed'], ['f.ts > outside', 'skipped']]);
  });

  it('does not count .only inside a skipped describe as focus', async () => {
    const { ends } = await run((c) => {
      c.addSuite('off', () => c.addTest('o', () => {}, 'only', undefined), 'skip');
      c.addTest('plain', () => {}, 'none', undefined);
    });
    expect(ends).toEqual([['f.ts > off > o', 'skipped'], ['f.ts > plain', 'passed']]);
  });

  it('reports skip and todo without running them, and skip propagates into describes', async () => {
    let ran = false;
    const { ends } = await run((c) => {
      c.addSuite('off', () => c.addTest('x', () => void (ran = true), 'none', undefined), 'skip');
      c.addTest('later', undefined, 'todo', undefined);
    });
    expect(ran).toBe(false);
    expect(ends).toEqual([['f.ts > off > x', 'skipped'], ['f.ts > later', 'todo']]);
  });

  it('fails every test under a failing beforeAll, and still runs afterAll', async () => {
    let afterAll = false;
    const { ends, messages } = await run((c) => {
      c.addSuite('db', () => {
        c.addHook('beforeAll', () => {
          throw new Error('no database');
        }, undefined);
        c.addHook('afterAll', () => void (afterAll = true), undefined);
        c.addTest('a', () => {}, 'none', undefined);
        c.addTest('b', () => {}, 'none', undefined);
      }, 'none');
      c.addTest('outside', () => {}, 'none', undefined);
    });
    expect(ends).toEqual([['f.ts > db > a', 'failed'], ['f.ts > db > b', 'failed'], ['f.ts > outside', 'passed']]);
    const end = messages.find((m) => m.type === 'test:end');
    expect(end?.type === 'test:end' && end.attempt.error?.message).toBe('beforeAll hook in "db" failed: no database');
    expect(afterAll).toBe(true);
  });

  it('reports an afterAll failure as a file error, not as a test result', async () => {
    const { ends, messages } = await run((c) => {
      c.addHook('afterAll', () => {
        throw new Error('cleanup failed');
      }, undefined);
      c.addTest('a', () => {}, 'none', undefined);
    });
    expect(ends).toEqual([['f.ts > a', 'passed']]);
    expect(messages).toContainEqual(expect.objectContaining({ type: 'file:error', kind: 'hook', message: 'afterAll hook failed: cleanup failed' }));
  });

  it('times out a pending async test, aborts its signal, and goes on', async () => {
    let aborted = false;
    const { ends, messages } = await run((c) => {
      c.addTest('hangs', ({ signal }) => new Promise(() => signal.addEventListener('abort', () => (aborted = true))), 'none', 30);
      c.addTest('next', () => {}, 'none', undefined);
    });
    expect(ends).toEqual([['f.ts > hangs', 'timedOut'], ['f.ts > next', 'passed']]);
    expect(aborted).toBe(true);
    const end = messages.find((m) => m.type === 'test:end');
    expect(end?.type === 'test:end' && end.attempt.error?.message).toBe('Test timed out after 30 ms');
  });

  it('goes on after a test deletes a global the runner uses (RTK deletes AbortController)', async () => {
    const saved = globalThis.AbortController;
    try {
      const { ends } = await run((c) => {
        c.addTest('deletes', () => void Reflect.deleteProperty(globalThis, 'AbortController'), 'none', undefined);
        c.addTest('after it', () => {}, 'none', undefined);
      });
      expect(ends.map(([, s]) => s)).toEqual(['passed', 'passed']);
    } finally {
      globalThis.AbortController = saved;
    }
  });

  it('hands the test its context', async () => {
    let seen: unknown;
    await run((c) => c.addTest('ctx', (ctx) => void (seen = { workerId: ctx.workerId, attempt: ctx.attempt, signal: ctx.signal instanceof AbortSignal }), 'none', undefined));
    expect(seen).toEqual({ workerId: 3, attempt: 0, signal: true });
  });

  it('deselects tests outside the grep or the unit’s id list: they are neither run nor reported', async () => {
    const register = (c: Collector) => {
      c.addTest('alpha', () => {}, 'none', undefined);
      c.addTest('beta', () => {}, 'none', undefined);
    };
    expect((await run(register, { grep: /alp/, testIds: null })).ends).toEqual([['f.ts > alpha', 'passed']]);
    const byId = await run(register, { grep: null, testIds: new Set(['f.ts > beta']) });
    expect(byId.ends).toEqual([['f.ts > beta', 'passed']]);
    expect(byId.tree.children.map((n) => n.name)).toEqual(['beta']);
  });

  describe('retries in place', () => {
    it('runs a failed test again, with hooks, its next attempt number and a fresh tmpdir, until it passes', async () => {
      const seen: { attempt: number; tmpdir: string }[] = [];
      const log: string[] = [];
      const { messages } = await run(
        (c) => {
          c.addHook('beforeEach', () => void log.push('before'), undefined);
          c.addTest('flips', (ctx) => {
            seen.push({ attempt: ctx.attempt, tmpdir: ctx.tmpdir });
            if (ctx.attempt < 2) throw new Error(`fail ${ctx.attempt}`);
          }, 'none', undefined);
        },
        undefined,
        1000,
        { firstAttempt: 0, lastAttempt: 3 },
      );
      const ends = messages.flatMap((m) => (m.type === 'test:end' ? [{ status: m.attempt.status, retry: m.retry ?? false }] : []));
      expect(ends).toEqual([
        { status: 'failed', retry: true },
        { status: 'failed', retry: true },
        { status: 'passed', retry: false },
      ]);
      expect(seen.map((s) => s.attempt)).toEqual([0, 1, 2]);
      expect(new Set(seen.map((s) => s.tmpdir)).size).toBe(3);
      expect(log).toEqual(['before', 'before', 'before']);
    });

    it("with Jest's deferred retries, tries a block's failed tests again after its other tests, before its afterAll hooks", async () => {
      const order: string[] = [];
      const tries = new Map<string, number>();
      const flaky = (name: string, passOn: number) => () => {
        const attempt = (tries.get(name) ?? 0) + 1;
        tries.set(name, attempt);
        order.push(`${name}${attempt}`);
        if (attempt < passOn) throw new Error('not yet');
      };
      const register = (c: Collector) => {
        c.addSuite('block', () => {
          c.addTest('a', flaky('a', 3), 'none', undefined);
          c.addTest('b', flaky('b', 1), 'none', undefined);
          c.addTest('c', flaky('c', 2), 'none', undefined);
          c.addHook('afterAll', () => void order.push('afterAll'), undefined);
        }, 'none', {});
        c.addTest('d', flaky('d', 1), 'none', undefined);
      };
      await run(register, undefined, 1000, { firstAttempt: 0, lastAttempt: 2, deferRetries: true });
      expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'a3', 'c2', 'afterAll', 'd1']);
      order.length = 0;
      tries.clear();
      await run(register, undefined, 1000, { firstAttempt: 0, lastAttempt: 2 });
      expect(order).toEqual(['a1', 'a2', 'a3', 'b1', 'c1', 'c2', 'afterAll', 'd1']);
    });

    it('stops at the last attempt it may run, and leaves the retry flag off the final failure', async () => {
      const { messages } = await run((c) => c.addTest('always', () => { throw new Error('no'); }, 'none', undefined), undefined, 1000, { firstAttempt: 1, lastAttempt: 2 });
      const ends = messages.flatMap((m) => (m.type === 'test:end' ? [m.retry ?? false] : []));
      expect(ends).toEqual([true, false]);
    });

    it('marks the attempts of an isolated unit', async () => {
      const { messages } = await run((c) => c.addTest('alone', () => {}, 'none', undefined), undefined, 1000, { firstAttempt: 2, isolated: true });
      const end = messages.find((m) => m.type === 'test:end');
      expect(end?.type === 'test:end' && end.attempt).toMatchObject({ status: 'passed', isolated: true });
    });
  });
});
