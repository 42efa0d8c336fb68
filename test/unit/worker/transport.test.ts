import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkerMessage } from '../../../src/model/protocol.js';
import { fdTransport } from '../../../src/worker/transport.js';

/** what the coordinator would have read from the slot's pipe so far */
function pipeFile() {
  const path = join(mkdtempSync(join(tmpdir(), 'ptest-transport-')), 'slot');
  const fd = openSync(path, 'w');
  return { fd, path, written: () => readFileSync(path, 'utf8').split('\n').filter(Boolean).map((line) => (JSON.parse(line) as WorkerMessage).type), close: () => closeSync(fd) };
}

const passed = { status: 'passed', durationMs: 1 } as const;

describe('the worker’s transport to the coordinator', () => {
  let pipe: ReturnType<typeof pipeFile>;
  afterEach(() => pipe.close());

  it('sends what precedes user code at once, with everything that waited before it', () => {
    pipe = pipeFile();
    const transport = fdTransport(pipe.fd);
    transport.post({ type: 'unit:started' });
    expect(pipe.written()).toEqual(['unit:started']);
    transport.post({ type: 'file:importing', timeoutMs: 5000 });
    transport.post({ type: 'file:collected', tree: { file: 'a.test.ts', suites: [], tests: [] } as never });
    expect(pipe.written()).toEqual(['unit:started', 'file:importing']);
    transport.post({ type: 'test:start', id: 'a', timeoutMs: 5000 });
    expect(pipe.written()).toEqual(['unit:started', 'file:importing', 'file:collected', 'test:start']);
  });

  it('holds a test’s end until the next test or hook starts, so one write carries both', () => {
    pipe = pipeFile();
    const transport = fdTransport(pipe.fd);
    transport.post({ type: 'test:start', id: 'a', timeoutMs: 5000 });
    transport.post({ type: 'test:end', id: 'a', attempt: passed });
    expect(pipe.written()).toEqual(['test:start']);
    transport.post({ type: 'hook:start', hook: 'afterAll', suite: [], timeoutMs: 5000 });
    expect(pipe.written()).toEqual(['test:start', 'test:end', 'hook:start']);
  });

  it('sends a test’s end at once while a concurrent test still runs, whose code could crash the thread', () => {
    pipe = pipeFile();
    const transport = fdTransport(pipe.fd);
    transport.post({ type: 'test:start', id: 'a', timeoutMs: 5000 });
    transport.post({ type: 'test:start', id: 'b', timeoutMs: 5000 });
    transport.post({ type: 'test:end', id: 'a', attempt: passed });
    expect(pipe.written()).toEqual(['test:start', 'test:start', 'test:end']);
    transport.post({ type: 'test:end', id: 'b', attempt: passed });
    expect(pipe.written()).toHaveLength(3);
  });

  it('a beforeEach hook’s end goes out before the test body runs: the watchdog must know the hook is over', () => {
    pipe = pipeFile();
    const transport = fdTransport(pipe.fd);
    transport.post({ type: 'hook:start', hook: 'beforeEach', suite: [], timeoutMs: 5000 });
    transport.post({ type: 'hook:end', hook: 'beforeEach' });
    expect(pipe.written()).toEqual(['hook:start', 'hook:end']);
  });

  it('flush sends what waits, and the unit’s end sends all that is left', () => {
    pipe = pipeFile();
    const transport = fdTransport(pipe.fd);
    transport.post({ type: 'test:start', id: 'a', timeoutMs: 5000 });
    transport.post({ type: 'test:end', id: 'a', attempt: passed });
    transport.flush();
    expect(pipe.written()).toEqual(['test:start', 'test:end']);
    transport.post({ type: 'file:error', kind: 'uncaught', message: 'late' });
    transport.post({ type: 'unit:end', heapUsedBytes: 1 });
    expect(pipe.written()).toEqual(['test:start', 'test:end', 'file:error', 'unit:end']);
  });
});

describe('output on the transport', () => {
  let pipe: ReturnType<typeof pipeFile>;
  afterEach(() => pipe.close());
  const out = (text: string, testId = 'a') => ({ type: 'output' as const, stream: 'stdout' as const, text, testId });
  const texts = () => readFileSync(pipe.path, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as WorkerMessage).flatMap((m) => (m.type === 'output' ? [m.text] : []));

  it("sends a burst's first write at once, and the rest as one message when the code that wrote them yields", async () => {
    pipe = pipeFile();
    const transport = fdTransport(pipe.fd);
    transport.post({ type: 'test:start', id: 'a', timeoutMs: 5000 });
    transport.post(out('about to spin\n'));
    // a test that spins now has still said so
    expect(texts()).toEqual(['about to spin\n']);
    transport.post(out('one\n'));
    transport.post(out('two\n'));
    transport.post(out('other test\n', 'b'));
    expect(texts()).toEqual(['about to spin\n']);
    await Promise.resolve();
    expect(texts()).toEqual(['about to spin\n', 'one\ntwo\n', 'other test\n']);
  });

  it('goes out with the next message that goes at once, in order', () => {
    pipe = pipeFile();
    const transport = fdTransport(pipe.fd);
    transport.post(out('first\n'));
    transport.post(out('second\n'));
    transport.post({ type: 'test:start', id: 'b', timeoutMs: 5000 });
    expect(pipe.written()).toEqual(['output', 'output', 'test:start']);
  });
});
