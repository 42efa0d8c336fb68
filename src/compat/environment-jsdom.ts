import { Blob as NodeBlob } from 'node:buffer';
import { URL as NodeURL } from 'node:url';
import type { JsdomOptions } from '../model/compat.js';
import { pageEmptier, type DomWindow, type PageWindow } from './dom-window.js';
import { populateGlobal } from './environment-globals.js';
import { mirrorNamedProperties } from './named-properties.js';

/**
 * The jsdom environment as Vitest sets it up: a visual window (requestAnimationFrame) that runs
 * scripts, its globals on globalThis, and the seams between jsdom's realm and Node's mended:
 * Node's fetch/Request and URL.createObjectURL take jsdom's Blob and FormData, jsdom's
 * addEventListener takes Node's AbortSignal, and an error thrown in a DOM event listener fails the
 * test as an uncaught error instead of being only printed.
 */

type Bag = Record<string, unknown>;
type Listener = (...args: unknown[]) => unknown;

interface JsdomWindow extends Bag {
  Blob: new (parts?: unknown[]) => { type: string };
  FormData: new () => { forEach(fn: (value: unknown, key: string) => void): void };
  AbortSignal: abstract new () => unknown;
  AbortController: new () => { signal: unknown; abort(reason?: unknown): void };
  EventTarget: { prototype: { addEventListener: Listener } };
  addEventListener: Listener;
  removeEventListener: Listener;
  close(): void;
}
interface JsdomModule {
  JSDOM: new (html: string, options: Bag) => { window: JsdomWindow };
  /** jsdom 27 and older */
  ResourceLoader?: new (options: { userAgent: string }) => object;
}

interface JsdomSetup {
  /** Jest's dialect, whose global is the window: `window.someId` reaches the element (named-properties.ts) */
  namedProperties: boolean;
  /** AbortController and AbortSignal are the window's (Jest's, Vitest 3's), whose abort event is the page's Event; else Node's, which Node's fetch takes */
  windowSignals: boolean;
  /** the config's options for jsdom's constructor */
  options: JsdomOptions;
}

export async function createJsdom(load: () => Promise<Bag>, url: string, { namedProperties, windowSignals, options }: JsdomSetup): Promise<DomWindow> {
  const module = await load();
  // a CommonJS package: its exports object, which Node's named exports may not all be found on
  const api = (module.default as Bag | undefined)?.JSDOM ? module.default : module.JSDOM ? module : module.default;
  const { JSDOM, ResourceLoader } = (api ?? {}) as JsdomModule;
  if (typeof JSDOM !== 'function') throw new Error('the jsdom package has no JSDOM export: ptest needs jsdom 10 or later (Jest 21 and older bring jsdom 9; install a newer jsdom beside it)');
  // as Jest's and Vitest's environments do: the user agent is the resource loader's (jsdom 28 has
  // no ResourceLoader: its resources object carries it, and loads what the page names)
  const { html = '<!DOCTYPE html>', userAgent, ...rest } = options;
  const loader = userAgent === undefined ? undefined : typeof ResourceLoader === 'function' ? new ResourceLoader({ userAgent }) : { userAgent };
  const resources = rest.resources ?? loader;
  const dom = new JSDOM(html, { url, pretendToBeVisual: true, runScripts: 'dangerously', contentType: 'text/html', ...rest, ...(resources ? { resources } : {}) });
  const win = dom.window;
  const undoSignals = acceptNodeSignals(win);
  const empty = pageEmptier(win as unknown as PageWindow, url);
  return {
    populate(changes) {
      const nodeRequest = changes.original('Request') as typeof Request;
      const nodeFormData = changes.original('FormData') as typeof FormData;
      populateGlobal(win, changes);
      const undoErrors = reportListenerErrors();
      const toNode = nodeConverters(win, nodeFormData);
      changes.set('jsdom', dom);
      changes.set('Request', compatRequest(nodeRequest, win, toNode));
      changes.set('URL', compatURL(win, toNode));
      if (windowSignals) for (const key of ['AbortController', 'AbortSignal']) changes.set(key, win[key]);
      const undoNamed = namedProperties ? mirrorNamedProperties(win) : () => {};
      return () => {
        undoNamed();
        undoErrors();
      };
    },
    has: (key) => key in win,
    empty: async () => empty(),
    close() {
      undoSignals();
      win.close();
    },
  };
}

interface NodeConverters {
  blob(blob: object): Blob;
  formData(formData: InstanceType<JsdomWindow['FormData']>): FormData;
}

/** jsdom keeps a Blob's bytes on its hidden implementation object (`_bytes`; `_buffer` before jsdom 27). */
function nodeConverters(win: JsdomWindow, NodeFormData: typeof FormData): NodeConverters {
  const impl = Object.getOwnPropertySymbols(Object.getOwnPropertyDescriptors(new win.Blob()))[0];
  const blob = (value: object): Blob => {
    const inner = impl ? ((value as Record<symbol, Bag | undefined>)[impl] ?? {}) : {};
    const bytes = inner._bytes ?? inner._buffer;
    if (!bytes) return value as Blob;
    return new NodeBlob([bytes as Uint8Array], { type: (value as { type: string }).type }) as Blob;
  };
  return {
    blob,
    formData(formData) {
      const converted = new NodeFormData();
      formData.forEach((value, key) => converted.append(key, value instanceof win.Blob ? blob(value) : String(value)));
      return converted;
    },
  };
}

function compatRequest(NodeRequest: typeof Request, win: JsdomWindow, toNode: NodeConverters): typeof Request {
  return class Request extends NodeRequest {
    constructor(input: ConstructorParameters<typeof NodeRequest>[0], init?: RequestInit) {
      const body: unknown = init?.body;
      if (body instanceof win.Blob) super(input, { ...init, body: toNode.blob(body) });
      else if (body instanceof win.FormData) super(input, { ...init, body: toNode.formData(body) });
      else super(input, init);
    }

    static override [Symbol.hasInstance](instance: unknown): boolean {
      return instance instanceof NodeRequest;
    }
  };
}

/** Node's URL, whose createObjectURL also takes jsdom's Blob (jsdom has no object URLs of its own). */
function compatURL(win: JsdomWindow, toNode: NodeConverters): typeof URL {
  return class URL extends NodeURL {
    static override createObjectURL(blob: Blob): string {
      return NodeURL.createObjectURL(blob instanceof win.Blob ? toNode.blob(blob) : blob);
    }

    static override [Symbol.hasInstance](instance: unknown): boolean {
      return instance instanceof NodeURL;
    }
  } as unknown as typeof URL;
}

/**
 * AbortController stays Node's, whose signal jsdom's addEventListener rejects: such a signal is
 * mirrored by a jsdom one, aborted with it.
 */
function acceptNodeSignals(win: JsdomWindow): () => void {
  const prototype = win.EventTarget.prototype;
  const original = prototype.addEventListener;
  const mirrors = new WeakMap<object, unknown>();
  const mirror = (signal: EventTarget & { reason?: unknown }): unknown => {
    if (!mirrors.has(signal)) {
      const controller = new win.AbortController();
      signal.addEventListener('abort', () => controller.abort(signal.reason));
      mirrors.set(signal, controller.signal);
    }
    return mirrors.get(signal);
  };
  prototype.addEventListener = function addEventListener(this: unknown, type: unknown, callback: unknown, options: unknown) {
    const signal = typeof options === 'object' && options !== null ? (options as { signal?: unknown }).signal : undefined;
    if (signal != null && !(signal instanceof win.AbortSignal)) {
      const jsdomOptions = { ...(options as object), signal: mirror(signal as EventTarget) };
      return original.call(this, type, callback, jsdomOptions);
    }
    return original.call(this, type, callback, options);
  };
  return () => {
    prototype.addEventListener = original;
  };
}

/**
 * jsdom catches what a DOM event listener throws and only prints it; while the test registers no
 * 'error' listener of its own, it is raised as the thread's uncaught error, which fails the test.
 */
function reportListenerErrors(): () => void {
  const global = globalThis as unknown as JsdomWindow;
  let userListeners = 0;
  const raise = (event: unknown): void => {
    const { error } = event as { error?: unknown; preventDefault(): void };
    if (userListeners === 0 && error != null) {
      (event as { preventDefault(): void }).preventDefault();
      process.emit('uncaughtException', error as Error);
    }
  };
  const add = global.addEventListener;
  const remove = global.removeEventListener;
  add('error', raise);
  // through the globals' setters: the replacements go when the globals are restored
  global.addEventListener = function addEventListener(this: unknown, ...args: unknown[]) {
    if (args[0] === 'error') userListeners++;
    return add.apply(this, args);
  };
  global.removeEventListener = function removeEventListener(this: unknown, ...args: unknown[]) {
    if (args[0] === 'error' && userListeners > 0) userListeners--;
    return remove.apply(this, args);
  };
  return () => {
    remove('error', raise);
  };
}
