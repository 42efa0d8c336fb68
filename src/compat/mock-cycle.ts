import { readThrough } from './read-through.js';

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
  const read = readThrough(mock);
  return new Proxy(target, {
    ...read,
    get: (...args) => (args[1] === '__esModule' && esModule ? true : read.get!(...args)),
    has: (...args) => (args[1] === '__esModule' && esModule) || read.has!(...args),
    set: (_, key, value) => Reflect.set(mock(), key, value),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(mock(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(mock(), key),
    apply: (_, self, args: unknown[]) => Reflect.apply(mock() as (...a: unknown[]) => unknown, self, args),
    construct: (_, args: unknown[]) => Reflect.construct(mock() as new (...a: unknown[]) => object, args),
  });
}
