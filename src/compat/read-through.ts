/**
 * Proxy traps that read a stand-in's properties off the object `current()` gives at each use:
 * for an export that is only there once something has loaded (chai, a mock being made). Its keys
 * are reported configurable, as the stand-in's own target has none of them.
 */
export function readThrough(current: () => object): Pick<ProxyHandler<object>, 'get' | 'has' | 'ownKeys' | 'getOwnPropertyDescriptor'> {
  return {
    get: (_, key) => Reflect.get(current(), key),
    has: (_, key) => Reflect.has(current(), key),
    ownKeys: () => Reflect.ownKeys(current()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(current(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  };
}
