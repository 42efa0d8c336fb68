/**
 * Jest's `globals`: variables every test file finds on its global object before its setup files
 * run. Each file gets its own copy, so what one file changes in an object the next does not see,
 * as Jest documents; the returned function puts back what the global object had before.
 */
export function setGlobalValues(values: Readonly<Record<string, unknown>>): () => void {
  const before = Object.keys(values).map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const);
  for (const [name, value] of Object.entries(values)) {
    // (JSON values, copied through JSON: a Jest jsdom global has no structuredClone)
    Object.defineProperty(globalThis, name, { value: JSON.parse(JSON.stringify(value)) as unknown, writable: true, configurable: true, enumerable: true });
  }
  return () => {
    for (const [name, descriptor] of before) {
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else Reflect.deleteProperty(globalThis, name);
    }
  };
}
