import { describe, expect, it } from 'vitest';
import { Watchdog, type Phase } from '../../../src/run/watchdog.js';
import { FakeTimers } from '../../helpers/fake-timers.js';

function setup(grace = 100) {
  const timers = new FakeTimers();
  const expired: { phase: Phase; timeoutMs: number }[] = [];
  const dog = new Watchdog(timers, (phase, timeoutMs) => expired.push({ phase, timeoutMs }), grace);
  return { timers, expired, dog };
}

describe('Watchdog', () => {
  it('expires a test that runs past its timeout plus the grace', () => {
    const { timers, expired, dog } = setup();
    dog.observe({ type: 'test:start', id: 't1', timeoutMs: 1000 });
    timers.advance(1099);
    expect(expired).toEqual([]);
    timers.advance(1);
    expect(expired).toEqual([{ phase: { kind: 'test', id: 't1' }, timeoutMs: 1000 }]);
  });

  it('does not expire a test that ended in time', () => {
    const { timers, expired, dog } = setup();
    dog.observe({ type: 'test:start', id: 't1', timeoutMs: 1000 });
    timers.advance(900);
    dog.observe({ type: 'test:end', id: 't1', attempt: { status: 'passed', durationMs: 900 } });
    timers.advance(5000);
    expect(expired).toEqual([]);
  });

  it('blames a hook nested in a test, and re-arms the test after the hook', () => {
    const { timers, expired, dog } = setup();
    dog.observe({ type: 'test:start', id: 't1', timeoutMs: 1000 });
    dog.observe({ type: 'hook:start', hook: 'beforeEach', suite: [], timeoutMs: 300 });
    expect(dog.current).toEqual({ kind: 'hook', hook: 'beforeEach', suite: [] });
    timers.advance(200);
    dog.observe({ type: 'hook:end', hook: 'beforeEach' });
    expect(dog.current).toEqual({ kind: 'test', id: 't1' });
    timers.advance(1099);
    expect(expired).toEqual([]);
    timers.advance(1);
    expect(expired[0]?.phase).toEqual({ kind: 'test', id: 't1' });
  });

  it('expires an import that never finishes', () => {
    const { timers, expired, dog } = setup();
    dog.observe({ type: 'file:importing', timeoutMs: 500 });
    timers.advance(600);
    expect(expired).toEqual([{ phase: { kind: 'import' }, timeoutMs: 500 }]);
  });

  it('ignores the end of a test that never started (skipped tests report only an end)', () => {
    const { dog } = setup();
    dog.observe({ type: 'test:start', id: 't1', timeoutMs: 1000 });
    dog.observe({ type: 'test:end', id: 'skipped', attempt: { status: 'skipped', durationMs: 0 } });
    expect(dog.current).toEqual({ kind: 'test', id: 't1' });
  });

  it('disarms everything at the end of the unit', () => {
    const { timers, expired, dog } = setup();
    dog.observe({ type: 'file:importing', timeoutMs: 100 });
    dog.observe({ type: 'unit:end', heapUsedBytes: 0 });
    timers.advance(10_000);
    expect(expired).toEqual([]);
    expect(dog.current).toBeUndefined();
  });
});
