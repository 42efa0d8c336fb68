import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installEnvironment } from '../../../src/compat/environment.js';

/** ptest's own checkout, where jsdom and happy-dom are installed as dev dependencies */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const DOMS = ['jsdom', 'happy-dom'] as const;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const g = globalThis as any;

/** one file of a thread under --no-isolate: its environment, `run` inside it, then its teardown */
async function file<T>(name: (typeof DOMS)[number], run: () => T | Promise<T>, url?: string): Promise<T> {
  const teardown = await installEnvironment(name, { root: ROOT, keepWindow: true, ...(url ? { url } : {}) });
  try {
    return await run();
  } finally {
    await teardown();
  }
}

describe.each(DOMS)('%s window kept for the next file (--no-isolate)', (name) => {
  it('is the same page for the next file, so a package holding its body still sees the page the file sees', async () => {
    const held = await file(name, () => g.document.body);
    const sameBody = await file(name, () => g.document.body === held);
    expect(sameBody).toBe(true);
    expect(typeof g.document).toBe('undefined'); // its globals still go with each file
  });

  it('comes to the next file empty: no nodes, attributes, storage, cookies, listeners, and its first address', async () => {
    let heard = 0;
    await file(name, () => {
      const doc = g.document;
      doc.title = 'left over';
      doc.documentElement.setAttribute('lang', 'fr');
      doc.body.className = 'dark';
      doc.body.innerHTML = '<main><p>left over</p></main>';
      doc.documentElement.append(doc.createComment('after body'));
      g.localStorage.setItem('token', 'x');
      g.sessionStorage.setItem('tab', 'y');
      doc.cookie = 'session=abc; path=/';
      g.history.pushState(null, '', '/orders/7?tab=2');
      const hear = () => heard++;
      g.window.addEventListener('resize', hear);
      doc.addEventListener('keydown', hear);
      doc.body.addEventListener('click', hear);
    });
    const seen = await file(name, () => {
      const doc = g.document;
      g.window.dispatchEvent(new g.Event('resize'));
      doc.dispatchEvent(new g.Event('keydown'));
      doc.body.dispatchEvent(new g.Event('click'));
      return {
        html: doc.documentElement.outerHTML,
        title: doc.title,
        storage: [g.localStorage.length, g.sessionStorage.length],
        cookie: doc.cookie,
        href: g.location.href,
      };
    });
    expect(seen).toEqual({ html: '<html><head></head><body></body></html>', title: '', storage: [0, 0], cookie: '', href: 'http://localhost:3000/' });
    expect(heard).toBe(0);
  });

  it('is made anew when a test took its body away, and per address', async () => {
    const first = await file(name, () => {
      const body = g.document.body;
      body.remove();
      return body;
    });
    const next = await file(name, () => g.document.body);
    expect(next).not.toBe(first);
    expect(next).not.toBeNull();
    const elsewhere = await file(name, () => g.document.body, 'http://example.test/');
    expect(elsewhere).not.toBe(next);
  });

  it('is made anew when emptying it failed, and the failure is the file that left it', async () => {
    const teardown = await installEnvironment(name, { root: ROOT, keepWindow: true });
    const body = g.document.body;
    const child = g.document.createElement('div');
    body.append(child);
    child.remove = () => {
      throw new Error('cannot empty this body');
    };
    await expect(teardown()).rejects.toThrow('cannot empty this body');
    expect(await file(name, () => g.document.body)).not.toBe(body);
  });

  it("clears the timers and animation frames a file left, so none fires into the next file's page", async () => {
    let fired = 0;
    await file(name, () => {
      g.setTimeout(() => fired++, 5);
      g.requestAnimationFrame(() => fired++);
    });
    await file(name, () => new Promise((resolve) => setTimeout(resolve, 60)));
    expect(fired).toBe(0);
  });
});
