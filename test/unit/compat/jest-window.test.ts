import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { holdJsdomGlobals, installEnvironment } from '../../../src/compat/environment.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const global = globalThis as unknown as Record<string, unknown>;
// as the worker does before a Jest suite's first file: jsdom (and its undici, which Node's fetch then uses) keeps Node's globals
holdJsdomGlobals(ROOT);
const setTimeoutBefore = globalThis.setTimeout;

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

it("gives the window the Node globals it is told to keep, in place of its own (jest-fixed-jsdom's), and puts the window's back after", async () => {
  // (jsdom has a URL and a Blob of its own, and no fetch or structuredClone)
  const kept = ['fetch', 'structuredClone', 'URL', 'Blob'];
  const real = kept.map((name) => global[name]);
  const nodeFormData = global.FormData;
  const teardown = await installEnvironment('jsdom', { root: ROOT, jestGlobals: true, nodeGlobals: kept });
  try {
    expect(kept.map((name) => global[name])).toEqual(real);
    // the others are still the window's, or none
    expect(typeof global.MessageChannel).toBe('undefined');
    expect(global.FormData).not.toBe(nodeFormData);
  } finally {
    await teardown();
  }
  expect([...kept, 'FormData'].map((name) => global[name])).toEqual([...real, nodeFormData]);
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

it("answers Node's own code with Node's globals meanwhile: the fetch inside Node reads ReadableStream", async () => {
  const fetch = globalThis.fetch;
  const teardown = await installEnvironment('jsdom', { root: ROOT, jestGlobals: true });
  try {
    expect(typeof global.ReadableStream).toBe('undefined');
    const response = await fetch('data:text/plain,read%20by%20Node');
    expect(await response.text()).toBe('read by Node');
  } finally {
    await teardown();
  }
});

it("keeps what a package put in place of a removed global (a polyfill) for the thread's next Jest jsdom files, but not what the test did", async () => {
  // a package's file, under node_modules, that assigns the global as a polyfill does
  const dir = mkdtempSync(join(tmpdir(), 'ptest-polyfill-'));
  mkdirSync(join(dir, 'node_modules', 'poly'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', 'poly', 'index.js'), 'module.exports = (name, value) => { globalThis[name] = value; };');
  const assignFromPackage = createRequire(join(dir, 'index.js'))('poly') as (name: string, value: unknown) => void;
  const polyfill = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
  const real = global.structuredClone;
  let teardown = await installEnvironment('jsdom', { root: ROOT, jestGlobals: true });
  assignFromPackage('structuredClone', polyfill);
  global.fetch = () => 'a stub of the test';
  await teardown();
  expect(global.structuredClone).toBe(real);
  teardown = await installEnvironment('jsdom', { root: ROOT, jestGlobals: true });
  try {
    expect(global.structuredClone).toBe(polyfill);
    expect(typeof global.fetch).toBe('undefined');
  } finally {
    await teardown();
    rmSync(dir, { recursive: true, force: true });
  }
});

it("fakes only the timers a Jest jsdom file started with: a setImmediate its setup puts back stays real, as Jest's flushPromises workaround needs", async () => {
  const { clock } = await import('../../../src/compat/fake-clock.js');
  const real = globalThis.setImmediate;
  const teardown = await installEnvironment('jsdom', { root: ROOT, jestGlobals: true });
  try {
    global.setImmediate = real;
    clock.install('jest');
    try {
      expect(global.setImmediate).toBe(real);
      expect(global.setTimeout).not.toBe(setTimeoutBefore);
    } finally {
      clock.uninstall();
    }
  } finally {
    await teardown();
  }
  clock.install('jest');
  try {
    expect(global.setImmediate).not.toBe(real);
  } finally {
    clock.uninstall();
  }
});

it("answers a Jest jsdom file's named properties (an element's id) as globals while it runs, and not in Vitest's dialect", async () => {
  const attach = (id: string): { remove(): void } => {
    const document = global.document as { createElement(tag: string): { id: string; remove(): void }; body: { appendChild(node: unknown): void } };
    const element = document.createElement('div');
    element.id = id;
    document.body.appendChild(element);
    return element;
  };
  const teardown = await installEnvironment('jsdom', { root: ROOT, jestGlobals: true });
  try {
    const element = attach('ptestNamed');
    expect(global.ptestNamed).toBe(element);
    expect('ptestNamed' in globalThis).toBe(true);
    // a global of that name wins, and an assignment replaces the element
    const timer = globalThis.setTimeout;
    attach('setTimeout');
    expect(globalThis.setTimeout).toBe(timer);
    global.ptestNamed = 1;
    expect(global.ptestNamed).toBe(1);
    delete global.ptestNamed;
    element.remove();
    expect(global.ptestNamed).toBeUndefined();
    attach('ptestLater');
  } finally {
    await teardown();
  }
  expect('ptestLater' in globalThis).toBe(false);
  const vitestDialect = await installEnvironment('jsdom', { root: ROOT });
  try {
    attach('ptestVitest');
    expect(global.ptestVitest).toBeUndefined();
  } finally {
    await vitestDialect();
  }
});

it("keeps Node's setImmediate for a suite on Jest 26 or older, whose jsdom environment had it", async () => {
  const teardown = await installEnvironment('jsdom', { root: ROOT, jestGlobals: true, jestMajor: 26 });
  try {
    expect(typeof global.setImmediate).toBe('function');
    expect(typeof global.clearImmediate).toBe('function');
  } finally {
    await teardown();
  }
  const jest27 = await installEnvironment('jsdom', { root: ROOT, jestGlobals: true, jestMajor: 27 });
  try {
    expect(typeof global.setImmediate).toBe('undefined');
  } finally {
    await jest27();
  }
});
