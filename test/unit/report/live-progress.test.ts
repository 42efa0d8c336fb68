import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeChalk } from '../../../src/report/terminal/colors.js';
import { LiveProgress } from '../../../src/report/terminal/live-progress.js';

/** A terminal stand-in: cli-progress draws only on a TTY, and writes cursor codes we can ignore. */
function fakeTerminal() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY: true, columns: 120, rows: 40 });
  return { stream, screen: () => text };
}

async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
}

describe('LiveProgress', () => {
  it('draws one bar for the run and one per worker naming the file it runs', async () => {
    const term = fakeTerminal();
    const live = new LiveProgress(term.stream, makeChalk(0));
    live.onEvent({ type: 'run:start', runId: 'r', startedAt: '', workers: 2, dist: 'steal', files: 3 });
    live.onEvent({ type: 'unit:start', slot: 0, file: 'test/cart.test.ts', atMs: 1 });
    live.onEvent({ type: 'unit:start', slot: 1, file: 'test/money.test.ts', atMs: 1 });
    await eventually(() => term.screen().includes('test/money.test.ts'));
    const screen = term.screen();
    expect(screen).toMatch(/files .* 0\/3/);
    expect(screen).toMatch(/w0 .*test\/cart\.test\.ts/);
    expect(screen).toMatch(/w1 .*test\/money\.test\.ts/);
    live.onEvent({ type: 'run:end', wallMs: 5, interrupted: false, stoppedBy: null, notRun: { tests: [], files: [] } });
  });

  it('counts a file split into parts as one file done', async () => {
    const term = fakeTerminal();
    const live = new LiveProgress(term.stream, makeChalk(0));
    live.onEvent({ type: 'run:start', runId: 'r', startedAt: '', workers: 2, dist: 'steal', files: 2 });
    for (const slot of [0, 1]) live.onEvent({ type: 'unit:start', slot, file: 'a.ts', atMs: 1, part: true });
    for (const slot of [0, 1]) live.onEvent({ type: 'unit:end', slot, file: 'a.ts', atMs: 2, busyMs: 1, whole: false });
    live.onEvent({ type: 'unit:start', slot: 0, file: 'b.ts', atMs: 3 });
    await eventually(() => term.screen().includes('b.ts'));
    expect(term.screen()).toMatch(/files .* 1\/2/);
    expect(term.screen()).not.toMatch(/files .* 2\/2/);
    live.onEvent({ type: 'run:end', wallMs: 5, interrupted: false, stoppedBy: null, notRun: { tests: [], files: [] } });
  });

  it('prints a failing test above the bars as soon as it fails', async () => {
    const term = fakeTerminal();
    const live = new LiveProgress(term.stream, makeChalk(0));
    live.onEvent({ type: 'run:start', runId: 'r', startedAt: '', workers: 1, dist: 'steal', files: 1 });
    live.onEvent({ type: 'test:end', slot: 0, test: { id: 'a.ts > breaks', file: 'a.ts', titlePath: ['breaks'] }, attempt: { status: 'failed', durationMs: 1 }, startMs: 0 });
    await eventually(() => term.screen().includes('✗ a.ts > breaks [failed]'));
    expect(term.screen()).toContain('✗ a.ts > breaks [failed]');
    live.onEvent({ type: 'run:end', wallMs: 5, interrupted: false, stoppedBy: null, notRun: { tests: [], files: [] } });
  });
});
