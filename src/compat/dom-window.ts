import type { PropertyChanges } from './property-changes.js';

/**
 * A browser-like window that a DOM package (jsdom, happy-dom) made, apart from the globals it
 * gives a file: so that, under --no-isolate, one window can serve the thread's files in turn.
 */
export interface DomWindow {
  /** its globals on globalThis, recorded in `changes`; returns what else undoes them */
  populate(changes: PropertyChanges): () => void;
  /** whether the window has a global of this name (Jest's jsdom environment has only those) */
  has(key: string): boolean;
  /** back to an empty page at its first address; false when the page cannot be (a test removed its body) */
  empty(): Promise<boolean>;
  close(): Promise<void> | void;
}

type Listener = (...args: unknown[]) => unknown;
interface PageNode {
  nodeType: number;
  childNodes: ArrayLike<PageNode>;
  remove(): void;
}
interface PageElement extends PageNode {
  getAttributeNames(): string[];
  removeAttribute(name: string): void;
}
export interface PageWindow {
  document: PageNode & { documentElement: PageElement | null; head: PageElement | null; body: PageElement | null; cookie: string };
  localStorage?: { clear(): void };
  sessionStorage?: { clear(): void };
  location: { href: string };
  history: { replaceState(state: unknown, title: string, url: string): void };
}

const DOCUMENT_TYPE_NODE = 10;

/**
 * What the page keeps from one file to the next, if nothing empties it: the nodes and attributes
 * of its document (the same <html>, <head> and <body> elements stay, since a package may hold them:
 * Testing Library's `screen` holds the body), its storage and cookies, its address, and the
 * listeners on the window, the document and those three elements.
 */
export function pageEmptier(win: PageWindow, url: string): () => boolean {
  const listeners = persistentListeners(win);
  return () => {
    const doc = win.document;
    const { documentElement: html, head, body } = doc;
    if (!html || !head || !body) return false;
    listeners.removeAll();
    for (const node of Array.from(doc.childNodes)) if (node !== html && node.nodeType !== DOCUMENT_TYPE_NODE) node.remove();
    for (const node of Array.from(html.childNodes)) if (node !== head && node !== body) node.remove();
    for (const element of [html, head, body]) for (const name of element.getAttributeNames()) element.removeAttribute(name);
    // (one by one: jsdom before 16.5 has no replaceChildren)
    for (const element of [head, body]) for (const node of Array.from(element.childNodes)) node.remove();
    win.localStorage?.clear();
    win.sessionStorage?.clear();
    for (const cookie of doc.cookie.split(';')) {
      const name = cookie.split('=')[0]!.trim();
      if (name) doc.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
    }
    try {
      if (win.location.href !== url) win.history.replaceState(null, '', url);
    } catch {
      return false; // another origin: only a new window has the first address again
    }
    return true;
  };
}

/**
 * The listeners added to the window, the document and its three lasting elements, to remove
 * between files: recorded by the addEventListener each of them inherits (jsdom's is one
 * EventTarget's; happy-dom's window, document and elements may each have their own).
 */
function persistentListeners(win: PageWindow): { removeAll(): void } {
  const doc = win.document;
  const added: [target: { removeEventListener: Listener }, args: unknown[]][] = [];
  const lasting = (target: unknown): boolean =>
    target === win || target === doc || target === doc.documentElement || target === doc.head || target === doc.body;
  const owners = new Set<{ addEventListener: Listener }>();
  for (const target of [win, doc, doc.documentElement, doc.head, doc.body]) {
    let owner: object | null = target;
    while (owner !== null && !Object.hasOwn(owner, 'addEventListener')) owner = Object.getPrototypeOf(owner) as object | null;
    if (owner !== null) owners.add(owner as { addEventListener: Listener });
  }
  for (const owner of owners) {
    const add = owner.addEventListener;
    owner.addEventListener = function addEventListener(this: { removeEventListener: Listener }, ...args: unknown[]) {
      if (lasting(this)) added.push([this, args]);
      return add.apply(this, args);
    };
  }
  return {
    removeAll: () => {
      for (const [target, [type, listener, options]] of added.splice(0)) target.removeEventListener(type, listener, options);
    },
  };
}
