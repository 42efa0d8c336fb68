import { describe, expect, it } from 'vitest';
import { makeChalk } from '../../../src/report/terminal/colors.js';
import { PlainProgress } from '../../../src/report/terminal/plain-progress.js';
import type { AttemptStatus } from '../../../src/model/results.js';

describe('PlainProgress', () => {
  it("counts a file's todo tests as todo, not skipped, as the summary does", () => {
    const lines: string[] = [];
    const progress = new PlainProgress((line) => void lines.push(line), makeChalk(0));
    progress.onEvent({ type: 'unit:start', slot: 0, file: 'a.ts', atMs: 0 });
    const end = (name: string, status: AttemptStatus) =>
      progress.onEvent({ type: 'test:end', slot: 0, test: { id: `a.ts > ${name}`, file: 'a.ts', titlePath: [name] }, attempt: { status, durationMs: 1 }, startMs: 0 });
    end('works', 'passed');
    end('later', 'todo');
    end('not now', 'skipped');
    // busy from when the thread took the file up: its start (3 ms here) is not the file's
    progress.onEvent({ type: 'unit:end', slot: 0, file: 'a.ts', atMs: 12, busyMs: 9, whole: true });
    expect(lines).toEqual(['✓ a.ts (1 passed, 1 skipped, 1 todo; 9 ms; w0)']);
  });
});

describe('PlainProgress: a file split into parts', () => {
  it("gives each part's line that part's own counts, and a retry's line the file's", () => {
    const lines: string[] = [];
    const progress = new PlainProgress((line) => void lines.push(line), makeChalk(0));
    const test = (name: string) => ({ id: `a.ts > ${name}`, file: 'a.ts', titlePath: [name] });
    const end = (slot: number, name: string, status: AttemptStatus, retry?: true) =>
      progress.onEvent({ type: 'test:end', slot, test: test(name), attempt: { status, durationMs: 1 }, startMs: 0, ...(retry ? { retry } : {}) });
    progress.onEvent({ type: 'unit:start', slot: 0, file: 'a.ts', atMs: 0, part: true });
    progress.onEvent({ type: 'unit:start', slot: 1, file: 'a.ts', atMs: 0, part: true });
    end(0, 'one', 'passed');
    end(1, 'two', 'passed');
    end(0, 'three', 'passed');
    end(1, 'four', 'failed', true);
    progress.onEvent({ type: 'unit:end', slot: 0, file: 'a.ts', atMs: 10, busyMs: 10, whole: false });
    progress.onEvent({ type: 'unit:end', slot: 1, file: 'a.ts', atMs: 12, busyMs: 12, whole: false });
    progress.onEvent({ type: 'unit:start', slot: 0, file: 'a.ts', atMs: 12 });
    end(0, 'four', 'passed');
    progress.onEvent({ type: 'unit:end', slot: 0, file: 'a.ts', atMs: 15, busyMs: 3, whole: false });
    expect(lines.filter((l) => !l.startsWith(' '))).toEqual([
      '✓ a.ts (part: 2 passed; 10 ms; w0)',
      '↻ a.ts (part: 1 passed, 1 to try again; 12 ms; w1)',
      '✓ a.ts (3 passed, 1 flaky; 3 ms; w0)',
    ]);
  });
});

describe("PlainProgress: what tests wrote", () => {
  const a = { id: 'a.ts > cart > adds', file: 'a.ts', titlePath: ['cart', 'adds'] };

  it('labels output with its test and stream, once for consecutive writes, again after another line', () => {
    const lines: string[] = [];
    const progress = new PlainProgress((line) => void lines.push(line), makeChalk(0));
    progress.onEvent({ type: 'output', slot: 0, file: 'a.ts', stream: 'stdout', text: 'loading\n' });
    progress.onEvent({ type: 'output', slot: 0, file: 'a.ts', test: a, stream: 'stdout', text: 'one\n' });
    progress.onEvent({ type: 'output', slot: 0, file: 'a.ts', test: a, stream: 'stdout', text: 'two' });
    progress.onEvent({ type: 'output', slot: 0, file: 'a.ts', test: a, stream: 'stderr', text: 'warn\n' });
    progress.onEvent({ type: 'test:end', slot: 0, test: a, attempt: { status: 'failed', durationMs: 1 }, startMs: 0 });
    progress.onEvent({ type: 'output', slot: 0, file: 'a.ts', test: a, stream: 'stderr', text: 'after\n' });
    expect(lines).toEqual([
      'stdout | a.ts\nloading',
      'stdout | a.ts > cart > adds\none',
      'two',
      'stderr | a.ts > cart > adds\nwarn',
      '  ✗ a.ts > cart > adds [failed]',
      'stderr | a.ts > cart > adds\nafter',
    ]);
  });
});
