import { Console } from 'node:console';
import { describe, expect, it } from 'vitest';
import type { WorkerMessage } from '../../../src/model/protocol.js';
import { captureOutput, withOutputTo, writingAs } from '../../../src/worker/test-output.js';

/** The thread's stdout and stderr, wrapped as in a worker; outside a unit they write as before. */
captureOutput();
// a worker's console, which writes through the thread's streams (Vitest's own global console does not)
const console = new Console({ stdout: process.stdout, stderr: process.stderr });

describe('test output: what a file writes reaches the coordinator, labelled', () => {
  it('posts console and stream writes with the test that made them, and the file-level ones without', async () => {
    const posted: WorkerMessage[] = [];
    await withOutputTo((m) => void posted.push(m), false, async () => {
      console.log('at import');
      await writingAs('f > a', async () => {
        console.log('in a', 1);
        process.stderr.write(Buffer.from('bytes\n'));
      });
    });
    expect(posted).toEqual([
      { type: 'output', stream: 'stdout', text: 'at import\n' },
      { type: 'output', stream: 'stdout', text: 'in a 1\n', testId: 'f > a' },
      { type: 'output', stream: 'stderr', text: 'bytes\n', testId: 'f > a' },
    ]);
  });

  it('tells concurrent tests apart, and keeps a timer a test started as its own', async () => {
    const posted: WorkerMessage[] = [];
    const later = () => new Promise((resolve) => setTimeout(resolve, 5));
    await withOutputTo((m) => void posted.push(m), false, async () => {
      let timer: Promise<void> | undefined;
      await Promise.all([
        writingAs('f > slow', async () => {
          await later();
          console.log('slow');
        }),
        writingAs('f > fast', async () => {
          timer = new Promise((resolve) => setTimeout(() => resolve(console.log('fast, late')), 10));
          console.log('fast');
        }),
      ]);
      await timer;
    });
    const by = (text: string) => posted.find((m) => m.type === 'output' && m.text === `${text}\n`);
    expect(by('slow')).toMatchObject({ testId: 'f > slow' });
    expect(by('fast')).toMatchObject({ testId: 'f > fast' });
    expect(by('fast, late')).toMatchObject({ testId: 'f > fast' });
  });

  it('drops everything under --silent, and still calls a write callback', async () => {
    const posted: WorkerMessage[] = [];
    let called = false;
    await withOutputTo((m) => void posted.push(m), true, async () => {
      console.log('hidden');
      await new Promise<void>((resolve) => process.stdout.write('hidden too', () => resolve(void (called = true))));
    });
    expect(posted).toEqual([]);
    expect(called).toBe(true);
  });

  it('posts nothing once the unit is over', async () => {
    const posted: WorkerMessage[] = [];
    await withOutputTo((m) => void posted.push(m), false, async () => {});
    process.stdout.write('');
    expect(posted).toEqual([]);
  });
});
