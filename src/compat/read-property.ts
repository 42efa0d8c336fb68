/**
 * `object[key]`, or undefined where reading it throws: a window global that throws by design
 * (jsdom's `localStorage` at an opaque origin), or a module's binding not set yet (a re-export
 * read while an import cycle is still loading).
 */
export function propertyOrUndefined(object: Record<string, unknown>, key: string): unknown {
  try {
    return object[key];
  } catch {
    return undefined;
  }
}
