/**
 * What an import of a module gets while its mock is being made from it: loading the real module
 * to read its exports ran into an import cycle that leads back to it (ra-core: useLogout →
 * routing → auth → useLogout). The bundle keeps whatever the first import got, so the stand-in
 * must become the mock: once the mock is made it reads that one at each use; until then (the
 * cycle's module running its top-level code) a mock of what the half-loaded module has so far,
 * as a CommonJS module's later exports are to Jest. It says `__esModule` as the real module does
 * already, so that the bundle's interop reads `default` off it, not the stand-in as a whole.
 */
export function cycleStandIn(made: () => { value: unknown } | undefined, early: () => unknown, partial: unknown): unknown {
  const esModule = (partial as { __esModule?: unknown } | null | undefined)?.__esModule === true;
  let earlyMock: unknown;
  let earlyMade = false;
  const mock = (): object => {
    const finished = made();
    let value: unknown;
    if (finished) value = finished.value;
    else {
      if (!earlyMade) [earlyMock, earlyMade] = [early(), true];
      value = earlyMock;
    }
    return (typeof value === 'object' && value !== null) || typeof value === 'function' ? value : {};
  };
  const target = typeof partial === 'function' ? function standIn() {} : {};
  return new Proxy(target, {
    get: (_, key) => (key === '__esModule' && esModule ? true : Reflect.get(mock(), key)),
    has: (_, key) => (key === '__esModule' && esModule) || Reflect.has(mock(), key),
    set: (_, key, value) => Reflect.set(mock(), key, value),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(mock(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(mock(), key),
    ownKeys: () => Reflect.ownKeys(mock()),
    // (configurable, as the stand-in's own target has none of these keys)
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(mock(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    apply: (_, self, args: unknown[]) => Reflect.apply(mock() as (...a: unknown[]) => unknown, self, args),
    construct: (_, args: unknown[]) => Reflect.construct(mock() as new (...a: unknown[]) => object, args),
  });
}
