/**
 * A DOM window's globals on Node's globalThis, as Vitest's `populateGlobal` puts them there, and
 * the record that takes them off again: the thread runs other files afterwards, with the node
 * environment, so the teardown must leave globalThis as it found it.
 */

/**
 * The browser names that replace Node's own when Node has one too (Event, EventTarget, Blob,
 * DOMException...): Vitest's list, which is jsdom's interfaces plus the window's members. Every
 * other window property is copied only where Node has no global of that name, so Node keeps its
 * URL, fetch, AbortController, TextEncoder, timers, console, crypto and performance.
 *
 * Unlike Vitest, the typed arrays and ArrayBuffer are left out: jsdom's come from its own realm,
 * so with them `Buffer.from('') instanceof Uint8Array` and `new TextEncoder().encode('')
 * instanceof Uint8Array` turn false (esbuild, which ptest bundles with, refuses to run then).
 * Vitest runs its jsdom tests with that breakage; here the test code runs in Node's realm.
 */
const LIVING_KEYS = [
  'DOMException', 'EventTarget', 'NamedNodeMap', 'Node', 'Attr', 'Element', 'DocumentFragment', 'DOMImplementation',
  'Document', 'XMLDocument', 'CharacterData', 'Text', 'CDATASection', 'ProcessingInstruction', 'Comment',
  'DocumentType', 'NodeList', 'RadioNodeList', 'HTMLCollection', 'HTMLOptionsCollection', 'DOMStringMap',
  'DOMTokenList', 'StyleSheetList', 'HTMLElement', 'HTMLHeadElement', 'HTMLTitleElement', 'HTMLBaseElement',
  'HTMLLinkElement', 'HTMLMetaElement', 'HTMLStyleElement', 'HTMLBodyElement', 'HTMLHeadingElement',
  'HTMLParagraphElement', 'HTMLHRElement', 'HTMLPreElement', 'HTMLUListElement', 'HTMLOListElement', 'HTMLLIElement',
  'HTMLMenuElement', 'HTMLDListElement', 'HTMLDivElement', 'HTMLAnchorElement', 'HTMLAreaElement', 'HTMLBRElement',
  'HTMLButtonElement', 'HTMLCanvasElement', 'HTMLDataElement', 'HTMLDataListElement', 'HTMLDetailsElement',
  'HTMLDialogElement', 'HTMLDirectoryElement', 'HTMLFieldSetElement', 'HTMLFontElement', 'HTMLFormElement',
  'HTMLHtmlElement', 'HTMLImageElement', 'HTMLInputElement', 'HTMLLabelElement', 'HTMLLegendElement', 'HTMLMapElement',
  'HTMLMarqueeElement', 'HTMLMediaElement', 'HTMLMeterElement', 'HTMLModElement', 'HTMLOptGroupElement',
  'HTMLOptionElement', 'HTMLOutputElement', 'HTMLPictureElement', 'HTMLProgressElement', 'HTMLQuoteElement',
  'HTMLScriptElement', 'HTMLSelectElement', 'HTMLSlotElement', 'HTMLSourceElement', 'HTMLSpanElement',
  'HTMLTableCaptionElement', 'HTMLTableCellElement', 'HTMLTableColElement', 'HTMLTableElement', 'HTMLTimeElement',
  'HTMLTableRowElement', 'HTMLTableSectionElement', 'HTMLTemplateElement', 'HTMLTextAreaElement',
  'HTMLUnknownElement', 'HTMLFrameElement', 'HTMLFrameSetElement', 'HTMLIFrameElement', 'HTMLEmbedElement',
  'HTMLObjectElement', 'HTMLParamElement', 'HTMLVideoElement', 'HTMLAudioElement', 'HTMLTrackElement',
  'HTMLFormControlsCollection', 'SVGElement', 'SVGGraphicsElement', 'SVGSVGElement', 'SVGTitleElement',
  'SVGAnimatedString', 'SVGNumber', 'SVGStringList', 'Event', 'CloseEvent', 'CustomEvent', 'MessageEvent',
  'ErrorEvent', 'HashChangeEvent', 'PopStateEvent', 'StorageEvent', 'ProgressEvent', 'PageTransitionEvent',
  'SubmitEvent', 'UIEvent', 'FocusEvent', 'InputEvent', 'MouseEvent', 'KeyboardEvent', 'TouchEvent',
  'CompositionEvent', 'WheelEvent', 'BarProp', 'External', 'Location', 'History', 'Screen', 'Crypto', 'Performance',
  'Navigator', 'PluginArray', 'MimeTypeArray', 'Plugin', 'MimeType', 'FileReader', 'FormData', 'Blob', 'File',
  'FileList', 'ValidityState', 'DOMParser', 'XMLSerializer', 'XMLHttpRequestEventTarget', 'XMLHttpRequestUpload',
  'XMLHttpRequest', 'WebSocket', 'NodeFilter', 'NodeIterator', 'TreeWalker', 'AbstractRange', 'Range', 'StaticRange',
  'Selection', 'Storage', 'CustomElementRegistry', 'ShadowRoot', 'MutationObserver', 'MutationRecord',
  'DOMRectReadOnly', 'DOMRect', 'Image', 'Audio', 'Option', 'CSS',
];
const OTHER_KEYS = [
  'addEventListener', 'alert', 'blur', 'cancelAnimationFrame', 'close', 'confirm', 'createPopup', 'dispatchEvent',
  'document', 'focus', 'frames', 'getComputedStyle', 'history', 'innerHeight', 'innerWidth', 'length', 'location',
  'matchMedia', 'moveBy', 'moveTo', 'name', 'navigator', 'open', 'outerHeight', 'outerWidth', 'pageXOffset',
  'pageYOffset', 'parent', 'postMessage', 'print', 'prompt', 'removeEventListener', 'requestAnimationFrame',
  'resizeBy', 'resizeTo', 'screen', 'screenLeft', 'screenTop', 'screenX', 'screenY', 'scroll', 'scrollBy',
  'scrollLeft', 'scrollTo', 'scrollTop', 'scrollX', 'scrollY', 'self', 'stop', 'top', 'Window', 'window',
];
export const WINDOW_KEYS: readonly string[] = [...LIVING_KEYS, ...OTHER_KEYS];

/** These name the global object itself in a browser, so they become globalThis, not the window. */
const SELF_KEYS = ['window', 'self', 'top', 'parent'];

type Bag = Record<string, unknown>;
const global = globalThis as unknown as Bag;

function ownDescriptors(): Map<string, PropertyDescriptor> {
  return new Map(Object.getOwnPropertyNames(globalThis).map((key) => [key, Object.getOwnPropertyDescriptor(globalThis, key)!]));
}

function sameDescriptor(a: PropertyDescriptor | undefined, b: PropertyDescriptor | undefined): boolean {
  if (!a || !b) return a === b;
  const fields = ['value', 'get', 'set', 'writable', 'enumerable', 'configurable'] as const;
  return fields.every((field) => Object.is(a[field], b[field]));
}

/**
 * What an environment did to globalThis, by property descriptor, since it was made. Reading a
 * value never goes through a getter unrecorded: Node 20 defines many globals (Blob, FormData,
 * Headers, MessagePort...) as lazy accessors that turn themselves into data properties when first
 * read, and loading jsdom reads a dozen of them.
 */
export class GlobalChanges {
  private readonly before = ownDescriptors();
  private readonly touched = new Set<string>();

  /** false for a key Node made non-configurable (NaN, undefined, Infinity): it stays as it is */
  define(key: string, descriptor: PropertyDescriptor): boolean {
    const current = Object.getOwnPropertyDescriptor(globalThis, key);
    if (current && !current.configurable) return false;
    this.touched.add(key);
    Object.defineProperty(globalThis, key, descriptor);
    return true;
  }

  /** as an assignment `globalThis[key] = value` would, without calling a setter */
  set(key: string, value: unknown): boolean {
    const enumerable = Object.getOwnPropertyDescriptor(globalThis, key)?.enumerable ?? true;
    return this.define(key, { value, writable: true, enumerable, configurable: true });
  }

  /** Node's own value of a global, as it was before the environment */
  original(key: string): unknown {
    const descriptor = this.before.get(key);
    return descriptor?.get ? descriptor.get.call(globalThis) : descriptor?.value;
  }

  /**
   * The install is over: what it changed without `define` (the lazy globals loading jsdom turned
   * into data properties) is undone with the rest. Keys it added that way stay, because they
   * belong to modules that stay loaded (undici's dispatcher symbols).
   */
  settle(): void {
    for (const [key, descriptor] of this.before) {
      if (!sameDescriptor(descriptor, Object.getOwnPropertyDescriptor(globalThis, key))) this.touched.add(key);
    }
  }

  /** As settle, and the string keys added since are undone too: a test file's own globals. */
  settleWithAdded(): void {
    this.settle();
    for (const key of Object.getOwnPropertyNames(globalThis)) if (!this.before.has(key)) this.touched.add(key);
  }

  /** Every touched key back to its descriptor from before, or gone if it had none. `who` names the changer in the error. */
  restore(who = 'the test environment'): void {
    const stuck: string[] = [];
    for (const key of [...this.touched].reverse()) {
      const descriptor = this.before.get(key);
      try {
        if (descriptor) Object.defineProperty(globalThis, key, descriptor);
        else if (!delete global[key]) stuck.push(key);
      } catch {
        stuck.push(key);
      }
    }
    this.touched.clear();
    // A test that made one of these non-configurable leaves the thread in a state no later file expects.
    if (stuck.length > 0) throw new Error(`${who} could not restore the globals ${stuck.join(', ')}`);
  }
}

function isClassLike(name: string): boolean {
  return name[0] === name[0]!.toUpperCase();
}

/**
 * The window's globals on globalThis, each a getter that reads the window live (document,
 * location, innerWidth follow the window) and a setter that lets a test replace it. Functions are
 * bound to the window, because jsdom's and happy-dom's methods check their receiver.
 */
export function populateGlobal(win: object, changes: GlobalChanges, additionalKeys: readonly string[] = []): void {
  const source = win as Bag;
  const overriding = new Set([...additionalKeys, ...WINDOW_KEYS]);
  const keys = new Set(
    [...additionalKeys, ...WINDOW_KEYS, ...Object.getOwnPropertyNames(win)].filter(
      (key) => !SELF_KEYS.includes(key) && (!(key in globalThis) || overriding.has(key)),
    ),
  );
  for (const key of keys) {
    const value = source[key];
    const bound = typeof value === 'function' && !isClassLike(key) ? (value as (...args: unknown[]) => unknown).bind(win) : undefined;
    let replaced: { value: unknown } | undefined;
    changes.define(key, {
      get: () => (replaced ? replaced.value : (bound ?? source[key])),
      set: (next: unknown) => {
        replaced = { value: next };
      },
      configurable: true,
    });
  }
  for (const key of SELF_KEYS) changes.set(key, globalThis);
  // document.defaultView === window, as in a browser and in Vitest
  const document = global.document as object | undefined;
  if (document && (document as Bag).defaultView) {
    Object.defineProperty(document, 'defaultView', { get: () => globalThis, enumerable: true, configurable: true });
  }
}
