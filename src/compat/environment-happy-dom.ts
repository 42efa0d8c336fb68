import { pageEmptier, type DomWindow, type PageWindow } from './dom-window.js';
import { populateGlobal } from './environment-globals.js';

interface HappyWindow {
  close?(): void;
  happyDOM: { abort?(): Promise<void>; cancelAsync?(): void };
}
type HappyWindowClass = new (options: Record<string, unknown>) => HappyWindow;

/**
 * happy-dom's GlobalWindow, which shares Node's JavaScript builtins. As in Vitest, happy-dom's
 * fetch family, URL and AbortController replace Node's (its DOM checks for its own), and an error
 * in a listener is thrown where it happens instead of being caught and printed.
 */
export async function createHappyDom(load: () => Promise<Record<string, unknown>>, url: string): Promise<DomWindow> {
  const module = await load();
  const exports = (module.Window ? module : module.default) as Record<string, HappyWindowClass | undefined> | undefined;
  const WindowClass = exports?.GlobalWindow ?? exports?.Window;
  if (typeof WindowClass !== 'function') throw new Error('the happy-dom package has no Window export');
  const win = new WindowClass({ url, console: globalThis.console, settings: { disableErrorCapturing: true } });
  const empty = pageEmptier(win as unknown as PageWindow, url);
  return {
    populate(changes) {
      populateGlobal(win, changes, HAPPY_DOM_KEYS);
      return () => {};
    },
    has: (key) => key in win,
    // what the page still has under way (a fetch, its own timers) ends before it is emptied
    empty: async () => {
      await win.happyDOM.abort?.();
      return empty();
    },
    async close() {
      if (win.close && win.happyDOM.abort) {
        await win.happyDOM.abort();
        win.close();
      } else {
        win.happyDOM.cancelAsync?.();
      }
    },
  };
}

const HAPPY_DOM_KEYS = ['Request', 'Response', 'MessagePort', 'fetch', 'Headers', 'AbortController', 'AbortSignal', 'URL', 'URLSearchParams', 'FormData'];
