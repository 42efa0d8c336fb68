/**
 * Under Jest the global object of a jsdom file is the window itself, so `window.someId`, and a bare
 * `someId`, reach the element with that id (WebIDL's named properties: goober finds its own
 * `<style id="_goober">` so). ptest's global is Node's: a proxy put between it and its prototype
 * answers a name that no global has with the window's named element, for as long as the file runs.
 * Own globals are found before the prototype is asked, so every global of that name wins, as it
 * does on a window. Vitest copies the window's keys once and has none of them: Jest's dialect only.
 */

type Bag = Record<string, unknown>;

/** Answers the window's named properties on globalThis until the returned function is called. */
export function mirrorNamedProperties(win: object): () => void {
  const named = namedLookup(win);
  const original = Object.getPrototypeOf(globalThis) as object;
  const element = (name: string | symbol): unknown => (typeof name === 'string' && !Reflect.has(original, name) ? named(name) : undefined);
  const proxy = new Proxy(original, {
    get: (target, name, receiver) => element(name) ?? Reflect.get(target, name, receiver),
    has: (target, name) => element(name) !== undefined || Reflect.has(target, name),
  });
  Object.setPrototypeOf(globalThis, proxy);
  return () => {
    if (Object.getPrototypeOf(globalThis) === proxy) Object.setPrototypeOf(globalThis, original);
  };
}

/**
 * The window's named element (or collection) of a name, or undefined. jsdom before 27 defines a
 * getter on the window as the element comes, marked with its "is named property" symbol; jsdom 27
 * and later answer through a proxy in the window's prototype chain (WindowProperties), whose
 * own-property descriptor of a string exists only for a named element.
 */
function namedLookup(win: object): (name: string) => unknown {
  const windowProperties = Object.getPrototypeOf(Object.getPrototypeOf(win) ?? {}) as object | null;
  return (name) => {
    const getter = Object.getOwnPropertyDescriptor(win, name)?.get;
    if (getter !== undefined && Object.getOwnPropertySymbols(getter).some((s) => s.description === 'is named property')) return (win as Bag)[name];
    return windowProperties ? (Reflect.getOwnPropertyDescriptor(windowProperties, name) as { value?: unknown } | undefined)?.value : undefined;
  };
}
