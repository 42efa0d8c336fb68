import { describe, expect, it } from 'vitest';
import { DrainWatch } from '../../../src/queue/drain-watch.js';
import { buildSnapshot } from '../../helpers/build-snapshot.js';


describe('when a build report stops waiting', () => {
  it('stops at once when the build drained', () => {
    expect(new DrainWatch(1000).observe(buildSnapshot({}), 0)).toBe('drained');
  });

  it('gives up once no job has been running for the idle time, with units still waiting', () => {
    const watch = new DrainWatch(1000);
    const stuck = buildSnapshot({ waiting: 3 });
    expect(watch.observe(stuck, 5000)).toBe('wait');
    expect(watch.observe(stuck, 5999)).toBe('wait');
    expect(watch.observe(stuck, 6000)).toBe('abandoned');
  });

  it('counts a unit still leased to a job that stopped heartbeating as left, not as running', () => {
    const watch = new DrainWatch(1000);
    expect(watch.observe(buildSnapshot({ leased: 2 }), 0)).toBe('wait');
    expect(watch.observe(buildSnapshot({ leased: 2 }), 1000)).toBe('abandoned');
  });

  it('starts the idle time again when a job joins late', () => {
    const watch = new DrainWatch(1000);
    watch.observe(buildSnapshot({ waiting: 3 }), 0);
    expect(watch.observe(buildSnapshot({ waiting: 3, running: 1 }), 900)).toBe('wait');
    expect(watch.observe(buildSnapshot({ waiting: 2 }), 1500)).toBe('wait');
    expect(watch.observe(buildSnapshot({ waiting: 2 }), 2499)).toBe('wait');
    expect(watch.observe(buildSnapshot({ waiting: 2 }), 2500)).toBe('abandoned');
  });

  it('waits for a plan however long no job runs: only --queue-timeout ends that wait', () => {
    const watch = new DrainWatch(1000);
    expect(watch.observe(buildSnapshot({ meta: null }), 0)).toBe('wait');
    expect(watch.observe(buildSnapshot({ meta: null }), 60_000)).toBe('wait');
  });

  it('keeps waiting while a job runs, however long', () => {
    const watch = new DrainWatch(1000);
    expect(watch.observe(buildSnapshot({ waiting: 1, running: 2 }), 0)).toBe('wait');
    expect(watch.observe(buildSnapshot({ waiting: 1, running: 2 }), 600_000)).toBe('wait');
  });
});
