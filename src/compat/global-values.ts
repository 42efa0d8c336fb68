/**
 * What the config gives every test file, for that file alone. Jest's `globals` (and Vite's
 * `define` of a name): variables every test file finds on its global object before its setup
 * files run. Each file gets its own copy, so what one file changes in an object the next does not
 * see, as Jest documents; the returned function puts back what the global object had before.
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

/** Vitest's `test.env`: set in process.env (which import.meta.env reads) for the file, and put back after it */
export function setEnvValues(values: Readonly<Record<string, string>>): () => void {
  const before = Object.keys(values).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, values);
  return () => {
    for (const [name, value] of before) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
