import { describe, expect, it } from 'vitest';
import type { RunRequest } from '../../../src/model/protocol.js';
import type { Pool } from '../../../src/run/pool.js';
import { afterPrebundle, Prebundler } from '../../../src/run/prebundle.js';

/** builds that finish when the test says so, in any order; a build of several files is named `a+b` */
function controlled() {
  const started: string[] = [];
  const finish = new Map<string, (ok: boolean) => void>();
  const bundle = (files: string[]) =>
    new Promise<void>((resolve, reject) => {
      const build = files.join('+');
      started.push(build);
      finish.set(build, (ok) => (ok ? resolve() : reject(new Error(`${build} does not parse`))));
    });
  return { started, finish: (build: string, ok = true) => finish.get(build)!(ok), bundle };
}
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Prebundler', () => {
  it('bundles the files in planned order, a few at a time, each once', async () => {
    const c = controlled();
    const prebundler = new Prebundler(['a', 'b', 'a', 'c', 'd'], c.bundle, 2);
    expect(c.started).toEqual(['a', 'b']);
    c.finish('b');
    await settle();
    expect(c.started).toEqual(['a', 'b', 'c']);
    c.finish('a');
    await prebundler.ready('a');
    await settle();
    expect(c.started).toEqual(['a', 'b', 'c', 'd']);
  });

  it('puts one file in each of the first builds, then twice as many each round, up to the most it is given', async () => {
    const c = controlled();
    const files = 'abcdefghijklmnop'.split('');
    new Prebundler(files, c.bundle, 2, 4);
    for (const build of ['a', 'b', 'c+d', 'e+f', 'g+h+i+j']) {
      c.finish(build);
      await settle();
    }
    expect(c.started).toEqual(['a', 'b', 'c+d', 'e+f', 'g+h+i+j', 'k+l+m+n', 'o+p']);
  });

  it('bundles a file asked for out of turn at once, and is ready for a file whose bundle failed (its worker reports why)', async () => {
    const c = controlled();
    const prebundler = new Prebundler(['a', 'b', 'c'], c.bundle, 1);
    const late = prebundler.ready('z');
    expect(c.started).toEqual(['a', 'z']);
    c.finish('z', false);
    await expect(late).resolves.toBeUndefined();
  });
});

describe('Prebundler.stop', () => {
  it('starts nothing more, and waits for the bundles under way', async () => {
    const c = controlled();
    const prebundler = new Prebundler(['a', 'b', 'c'], c.bundle, 1);
    let stopped = false;
    const stopping = prebundler.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    c.finish('a');
    await stopping;
    expect(c.started).toEqual(['a']);
    await prebundler.ready('z');
    expect(c.started).toEqual(['a']);
  });
});

describe('afterPrebundle', () => {
  const request = (file: string) => ({ unit: { id: file, file } }) as unknown as RunRequest;
  const pool = (ran: string[]): Pool => ({
    run: async (r) => (ran.push(r.unit.file), { kind: 'done' }),
    finishSlot: async () => [],
    recycle: async () => {},
    destroy: async () => {},
  });

  it("sends a unit to its worker only once its file's bundle is ready, and not at all if the unit was stopped meanwhile", async () => {
    const c = controlled();
    const ran: string[] = [];
    const wrapped = afterPrebundle(pool(ran), new Prebundler(['a', 'b'], c.bundle, 2));
    const first = wrapped.run(request('a'), () => {}, new AbortController().signal);
    const stop = new AbortController();
    const second = wrapped.run(request('b'), () => {}, stop.signal);
    await settle();
    expect(ran).toEqual([]);
    c.finish('a');
    await expect(first).resolves.toEqual({ kind: 'done' });
    stop.abort();
    c.finish('b');
    await expect(second).resolves.toEqual({ kind: 'aborted' });
    expect(ran).toEqual(['a']);
  });
});
