import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fn } from 'jest-mock';
import { expect, it } from 'vitest';
import { installEnvironment } from '../../../src/compat/environment.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const global = globalThis as unknown as Record<string, unknown>;

// jsdom 28 (the one installed here) has no counterpart for these; Jest's jsdom environment has none of them
const NODE_ONLY = ['setImmediate', 'clearImmediate', 'structuredClone', 'fetch', 'Request', 'Response', 'MessageChannel', 'ReadableStream'];

it("gives a Jest suite's jsdom file none of Node's globals that the window lacks, and puts them back after", async () => {
  const real = NODE_ONLY.map((name) => global[name]);
  const teardown = await installEnvironment('jsdom', { root: ROOT, jestGlobals: true });
  try {
    for (const name of NODE_ONLY) expect(typeof global[name], name).toBe('undefined');
    // what the window has stays, and so do the three Jest adds to it
    expect(typeof globalThis.setTimeout).toBe('function');
    expect(typeof globalThis.TextEncoder).toBe('function');
    expect(typeof (global.document as { createElement?: unknown }).createElement).toBe('function');
    expect(global.process).toBe(process);
    expect(typeof globalThis.Buffer).toBe('function');
    expect(global.global).toBe(globalThis);
  } finally {
    await teardown();
  }
  expect(NODE_ONLY.map((name) => global[name])).toEqual(real);
});

it("leaves Node's globals to a happy-dom file, and to jsdom without the option", async () => {
  for (const [name, options] of [['happy-dom', { jestGlobals: true }], ['jsdom', {}]] as const) {
    const teardown = await installEnvironment(name, { root: ROOT, ...options });
    try {
      for (const key of NODE_ONLY) expect(typeof global[key], `${name} ${key}`).not.toBe('undefined');
    } finally {
      await teardown();
    }
  }
});

it('makes window, self, top and parent getters of the global, which a test may spy on as under Jest', async () => {
  const teardown = await installEnvironment('jsdom', { root: ROOT, jestGlobals: true });
  try {
    for (const key of ['window', 'self', 'top', 'parent']) {
      const descriptor = Object.getOwnPropertyDescriptor(globalThis, key);
      expect(typeof descriptor?.get, key).toBe('function');
      expect(descriptor?.get?.(), key).toBe(globalThis);
    }
    const { spyOn } = await import('jest-mock');
    const spy = spyOn(global, 'window', 'get').mockReturnValue(undefined);
    expect(global.window).toBeUndefined();
    spy.mockRestore();
    expect(global.window).toBe(globalThis);
  } finally {
    await teardown();
  }
  expect(Object.getOwnPropertyDescriptor(globalThis, 'window')).toBeUndefined();
});

it("answers Node's own code with Node's globals meanwhile: the fetch inside Node calls clearImmediate", async () => {
  const fetch = globalThis.fetch;
  const server = createServer((_, response) => response.end('from the server'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const teardown = await installEnvironment('jsdom', { root: ROOT, jestGlobals: true });
  try {
    expect(typeof global.clearImmediate).toBe('undefined');
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    expect(await response.text()).toBe('from the server');
  } finally {
    await teardown();
    server.close();
  }
});

it("keeps what a file put in place of a removed global (a polyfill) for the thread's next Jest jsdom files, but not a mock", async () => {
  const polyfill = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
  const real = global.structuredClone;
  let teardown = await installEnvironment('jsdom', { root: ROOT, jestGlobals: true });
  global.structuredClone = polyfill;
  global.fetch = fn();
  await teardown();
  expect(global.structuredClone).toBe(real);
  teardown = await installEnvironment('jsdom', { root: ROOT, jestGlobals: true });
  try {
    expect(global.structuredClone).toBe(polyfill);
    expect(typeof global.fetch).toBe('undefined');
  } finally {
    await teardown();
  }
});
