import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { installEnvironment } from '../../../src/compat/environment.js';
import { environmentOf } from '../../../src/compat/environment-pragma.js';

/** ptest's own checkout, where jsdom and happy-dom are installed as dev dependencies */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const DOMS = ['jsdom', 'happy-dom'] as const;

type Globals = Map<string, PropertyDescriptor>;
const snapshot = (): Globals =>
  new Map(Object.getOwnPropertyNames(globalThis).map((key) => [key, Object.getOwnPropertyDescriptor(globalThis, key)!]));

/** the keys whose presence or descriptor differs, so a failure names them */
function changedSince(before: Globals): string[] {
  const after = snapshot();
  const fields = ['value', 'get', 'set', 'writable', 'enumerable', 'configurable'] as const;
  const changed = [...after].filter(([key, d]) => {
    const old = before.get(key);
    return !old || fields.some((field) => !Object.is(old[field], d[field]));
  });
  return [...changed.map(([key]) => key), ...[...before.keys()].filter((key) => !after.has(key))];
}

/**
 * Vitest looks for these pragmas anywhere in a test file and would run this one under jsdom, so
 * the sources below never spell them out whole.
 */
const VITEST = '@vitest' + '-environment';
const JEST = '@jest' + '-environment';

const g = globalThis as unknown as Record<string, any>;

describe('environmentOf', () => {
  it.each([
    ['a /** */ Vitest docblock', `/** ${VITEST} jsdom */\nimport { it } from "vitest";`, 'jsdom'],
    ['a // Vitest comment', `// ${VITEST} happy-dom\nimport { it } from "vitest";`, 'happy-dom'],
    ['a /** */ Jest docblock', `/**\n * ${JEST} jsdom\n */\n\ntest("x", () => {});`, 'jsdom'],
    ['a // Jest comment (Vitest reads it)', `// ${JEST} happy-dom\ntest("x", () => {});`, 'happy-dom'],
    ['a /* */ comment', `/* ${VITEST} node */ it("x", () => {});`, 'node'],
    ['a docblock with other tags', `/**\n * @copyright someone\n * ${JEST} happy-dom\n * @flow\n */\nx();`, 'happy-dom'],
    ['the closing */ glued to the name', `/** ${JEST} jsdom*/\nx();`, 'jsdom'],
    ['a pragma after other leading comments', `#!/usr/bin/env node\n// SPDX-License-Identifier: MIT\n/* eslint-disable */\n\n// ${VITEST} jsdom\nx();`, 'jsdom'],
    ['a byte order mark first', `\uFEFF/** ${VITEST} happy-dom */\nx();`, 'happy-dom'],
    ['no pragma', '/** a test */\nimport { it } from "vitest";', 'node'],
    ['an empty file', '', 'node'],
    ['a docblock after code', `import { it } from "vitest";\n/** ${VITEST} jsdom */\nit("x", () => {});`, 'node'],
    ['a pragma after a "use strict" directive', `"use strict";\n// ${JEST} jsdom\n`, 'node'],
    ['a pragma in a string', `const s = "// ${VITEST} jsdom";`, 'node'],
    ['only environment options', `/** ${JEST}-options {"url": "https://x.test/"} */\nx();`, 'node'],
  ])('reads %s', (_, source, expected) => {
    expect(environmentOf(source, 'node')).toBe(expected);
  });

  it('falls back to the given default without a pragma', () => {
    expect(environmentOf('test("x", () => {});', 'happy-dom')).toBe('happy-dom');
  });

  it.each([
    [`/** ${VITEST} edge-runtime */`, 'edge-runtime'],
    [`/**\n * ${JEST} ./my-environment.js\n */`, './my-environment.js'],
    [`// ${JEST} jest-environment-jsdom`, 'jest-environment-jsdom'],
  ])('throws a one-line error naming an unknown environment: %s', (source, value) => {
    let message = '';
    try {
      environmentOf(`${source}\nx();`, 'node');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`'${value}'`);
    expect(message).toContain('node, jsdom, happy-dom');
    expect(message).not.toContain('\n');
  });

  it('throws for a pragma that names nothing', () => {
    expect(() => environmentOf(`/** ${VITEST} */`, 'node')).toThrow(/names no environment.*node, jsdom, happy-dom/);
  });
});

describe('installEnvironment', () => {
  const temps: string[] = [];
  afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('does nothing for node', async () => {
    const before = snapshot();
    const teardown = await installEnvironment('node', { root: ROOT });
    expect(changedSince(before)).toEqual([]);
    await teardown();
    expect(changedSince(before)).toEqual([]);
  });

  it.each(DOMS)('%s: gives the test a browser world and takes it all back', async (name) => {
    const before = snapshot();
    const teardown = await installEnvironment(name, { root: ROOT });
    try {
      const div = g.document.createElement('div');
      div.textContent = 'hello';
      g.document.body.append(div);
      expect(div).toBeInstanceOf(g.HTMLElement);
      expect(div).toBeInstanceOf(g.HTMLDivElement);
      expect(g.document.querySelector('div').textContent).toBe('hello');
      // what Vitest guarantees: window, self, top, parent and document.defaultView are globalThis
      expect(g.window).toBe(globalThis);
      expect(g.self).toBe(globalThis);
      expect(g.top).toBe(globalThis);
      expect(g.parent).toBe(globalThis);
      expect(g.document.defaultView).toBe(globalThis);
      expect(g.location.href).toBe('http://localhost:3000/');
      expect(typeof g.navigator.userAgent).toBe('string');
      g.localStorage.setItem('key', 'value');
      expect(g.localStorage.getItem('key')).toBe('value');
      expect(g.sessionStorage).toBeDefined();
      await new Promise((resolve) => g.requestAnimationFrame(resolve));
      expect(typeof g.getComputedStyle(div).display).toBe('string');
      let clicked = 0;
      div.addEventListener('click', () => clicked++);
      div.dispatchEvent(new g.Event('click'));
      div.click();
      expect(clicked).toBe(2);
      // Node's realm stays whole: its buffers are the typed arrays the test sees
      expect(Buffer.from('x')).toBeInstanceOf(Uint8Array);
      expect(new TextEncoder().encode('x')).toBeInstanceOf(Uint8Array);
    } finally {
      await teardown();
    }
    expect(typeof g.document).toBe('undefined');
    expect(typeof g.window).toBe('undefined');
    expect(typeof g.localStorage).toBe('undefined');
    expect(changedSince(before)).toEqual([]);
    await teardown(); // twice is harmless
    expect(changedSince(before)).toEqual([]);
  });

  it.each(DOMS)('%s: the globals reach modules the test imports', async (name) => {
    const dir = mkdtempSync(join(tmpdir(), 'ptest-env-'));
    temps.push(dir);
    const file = join(dir, 'widget.mjs');
    writeFileSync(file, 'export const make = (text) => { const el = document.createElement("p"); el.textContent = text; return window.document.body.appendChild(el); };\n');
    const teardown = await installEnvironment(name, { root: ROOT });
    try {
      const { make } = (await import(pathToFileURL(file).href)) as { make: (text: string) => { textContent: string } };
      expect(make('from a module').textContent).toBe('from a module');
      expect(g.document.body.textContent).toContain('from a module');
    } finally {
      await teardown();
    }
  });

  it.each(DOMS)('%s: takes the page address from options', async (name) => {
    const teardown = await installEnvironment(name, { root: ROOT, url: 'https://example.test/app/page?q=1' });
    try {
      expect(g.location.pathname).toBe('/app/page');
      expect(g.document.URL).toBe('https://example.test/app/page?q=1');
    } finally {
      await teardown();
    }
  });

  it("jsdom: a page at a file: address (an opaque origin) is put up, its localStorage throwing only when read, as in a browser", async () => {
    const teardown = await installEnvironment('jsdom', { root: ROOT, url: 'file:///tmp/fixtures/' });
    try {
      expect(g.location.protocol).toBe('file:');
      expect(() => g.localStorage).toThrow(/opaque origins/);
    } finally {
      await teardown();
    }
  });

  it("jsdom: takes the config's constructor options: the page's HTML, the user agent, and loading what the page names", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ptest-jsdom-'));
    writeFileSync(join(dir, 'widget.js'), 'window.widgetLoaded = document.title;');
    const html = '<!DOCTYPE html><title>Shop</title><script src="widget.js"></script><main id="app"></main>';
    const url = pathToFileURL(dir).href + '/';
    const teardown = await installEnvironment('jsdom', { root: ROOT, url, jsdom: { html, resources: 'usable' } });
    try {
      expect(g.document.getElementById('app')).not.toBeNull();
      await new Promise((resolve) => g.jsdom.window.addEventListener('load', resolve));
      expect(g.jsdom.window.widgetLoaded).toBe('Shop');
    } finally {
      await teardown();
    }
    // the user agent is the resource loader's, as in Jest's and Vitest's jsdom
    const plain = await installEnvironment('jsdom', { root: ROOT, url, jsdom: { html, userAgent: 'ptest-agent/1' } });
    try {
      expect(g.navigator.userAgent).toBe('ptest-agent/1');
    } finally {
      await plain();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(DOMS)('%s: a global the test replaced is restored too', async (name) => {
    const before = snapshot();
    const teardown = await installEnvironment(name, { root: ROOT });
    g.document = 'replaced by the test';
    g.navigator = { userAgent: 'mock' };
    expect(g.navigator.userAgent).toBe('mock');
    await teardown();
    expect(changedSince(before)).toEqual([]);
  });


  // (happy-dom has no window.event)
  it('jsdom: a global put back by its descriptor after an assignment reads the window live again', async () => {
    const teardown = await installEnvironment('jsdom', { root: ROOT });
    try {
      // what React's development build does around each event it dispatches
      let during: unknown;
      g.document.body.addEventListener('click', () => {
        const saved = g.event;
        const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'event')!;
        g.event = saved;
        Object.defineProperty(globalThis, 'event', descriptor);
        during = g.event;
      });
      g.document.body.click();
      expect(during).toBeInstanceOf(g.MouseEvent);
      expect(g.event).toBeUndefined();
    } finally {
      await teardown();
    }
  });
  it('leaves nothing behind from jsdom then happy-dom in a row, or one inside the other', async () => {
    const before = snapshot();
    const first = await installEnvironment('jsdom', { root: ROOT });
    expect(g.jsdom).toBeDefined();
    await first();
    const second = await installEnvironment('happy-dom', { root: ROOT });
    expect(g.document.createElement('span').tagName).toBe('SPAN');
    expect(g.jsdom).toBeUndefined();
    await second();
    expect(changedSince(before)).toEqual([]);

    const outer = await installEnvironment('jsdom', { root: ROOT });
    const outerDocument = g.document;
    const inner = await installEnvironment('happy-dom', { root: ROOT });
    expect(g.document).not.toBe(outerDocument);
    await inner();
    expect(g.document).toBe(outerDocument);
    await outer();
    expect(changedSince(before)).toEqual([]);
  });

  describe('jsdom and Node meet', () => {
    it('URL.createObjectURL and Request take jsdom Blobs and FormData; addEventListener takes a Node AbortSignal', async () => {
      const teardown = await installEnvironment('jsdom', { root: ROOT });
      try {
        expect(URL.createObjectURL(new g.Blob(['abc'], { type: 'text/plain' }))).toMatch(/^blob:/);
        expect(new URL('http://a.test/')).toBeInstanceOf(URL);
        expect(await new Request('http://a.test/', { method: 'POST', body: new g.Blob(['abc']) }).text()).toBe('abc');
        const form = new g.FormData();
        form.append('field', 'value');
        expect(await new Request('http://a.test/', { method: 'POST', body: form }).text()).toContain('value');

        const controller = new AbortController();
        let calls = 0;
        g.document.addEventListener('ping', () => calls++, { signal: controller.signal });
        g.document.dispatchEvent(new g.Event('ping'));
        controller.abort();
        g.document.dispatchEvent(new g.Event('ping'));
        expect(calls).toBe(1);
      } finally {
        await teardown();
      }
    });

    it("raises an error thrown in a DOM listener as the thread's uncaught error, unless the test listens for it", async () => {
      const runnerListeners = process.listeners('uncaughtException');
      process.removeAllListeners('uncaughtException');
      const raised: unknown[] = [];
      process.on('uncaughtException', (error) => raised.push(error));
      const teardown = await installEnvironment('jsdom', { root: ROOT });
      try {
        const button = g.document.createElement('button');
        button.addEventListener('click', () => {
          throw new Error('boom');
        });
        button.click();
        expect(raised.map((e) => (e as Error).message)).toEqual(['boom']);

        const seen: unknown[] = [];
        const onError = (event: { error: unknown; preventDefault(): void }) => {
          seen.push(event.error);
          event.preventDefault();
        };
        g.addEventListener('error', onError);
        button.click();
        g.removeEventListener('error', onError);
        expect(raised).toHaveLength(1);
        expect(seen).toHaveLength(1);
      } finally {
        await teardown();
        process.removeAllListeners('uncaughtException');
        runnerListeners.forEach((listener) => process.on('uncaughtException', listener));
      }
    });
  });

  it.each(DOMS)('%s: a project without the package gets a one-line install hint', async (name) => {
    const root = mkdtempSync(join(tmpdir(), 'ptest-env-'));
    temps.push(root);
    writeFileSync(join(root, 'package.json'), '{ "name": "no-dom", "private": true }\n');
    const before = snapshot();
    await expect(installEnvironment(name, { root })).rejects.toThrow(
      new Error(`environment '${name}' needs the ${name} package: npm install -D ${name}`),
    );
    expect(changedSince(before)).toEqual([]);
  });
});
