import type { PropertyChanges } from './property-changes.js';
import { propertyOrUndefined } from './read-property.js';

/**
 * A DOM window's globals on Node's globalThis, as Vitest's `populateGlobal` puts them there,
 * recorded (property-changes.ts) so that the teardown leaves globalThis as it found it: the thread
 * runs other files afterwards, with the node environment.
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

/**
 * A test's assignment replaces the getter with a plain value, as WebIDL's [Replaceable] does in a
 * browser: code that puts the getter back afterwards gets the live value again. React's
 * development build does that around each event it dispatches (`window.event = saved`, then the
 * saved descriptor back); a setter keeping the value would leave `event` stuck on a past click,
 * and React would take every later update for part of that click.
 */
export function replaceWith(key: string): (value: unknown) => void {
  return (value) => {
    Object.defineProperty(globalThis, key, { value, writable: true, enumerable: true, configurable: true });
  };
}

function isClassLike(name: string): boolean {
  return name[0] === name[0]!.toUpperCase();
}

/**
 * The window's globals on globalThis, each a getter that reads the window live (document,
 * location, innerWidth follow the window). Functions are bound to the window, because jsdom's and
 * happy-dom's methods check their receiver.
 */
export function populateGlobal(win: object, changes: PropertyChanges, additionalKeys: readonly string[] = []): void {
  const source = win as Bag;
  const overriding = new Set([...additionalKeys, ...WINDOW_KEYS]);
  const keys = new Set(
    [...additionalKeys, ...WINDOW_KEYS, ...Object.getOwnPropertyNames(win)].filter(
      (key) => !SELF_KEYS.includes(key) && (!(key in globalThis) || overriding.has(key)),
    ),
  );
  for (const key of keys) {
    // (jsdom's localStorage throws at a file: address, an opaque origin: it stays a getter that throws, as in a browser)
    const value = propertyOrUndefined(source, key);
    const bound = typeof value === 'function' && !isClassLike(key) ? (value as (...args: unknown[]) => unknown).bind(win) : undefined;
    changes.define(key, { get: () => bound ?? source[key], set: replaceWith(key), configurable: true });
  }
  // getters, as jsdom's window has them: `jest.spyOn(window, 'window', 'get')` is how suites pretend to be on a server
  for (const key of SELF_KEYS) changes.define(key, { get: () => globalThis, set: replaceWith(key), enumerable: true, configurable: true });
  // document.defaultView === window, as in a browser and in Vitest
  const document = global.document as object | undefined;
  if (document && (document as Bag).defaultView) {
    Object.defineProperty(document, 'defaultView', { get: () => globalThis, enumerable: true, configurable: true });
  }
}
