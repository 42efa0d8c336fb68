import { loadedChai } from './chai-chains.js';

type Chai = typeof import('chai');

/**
 * `import { chai } from 'vitest'`: the chai whose Assertion is behind the thread's `expect` in a
 * Vitest file, for its plugin API (`chai.use`, `chai.util.addMethod(chai.Assertion.prototype, …)`).
 * chai is loaded before a Vitest file runs, after the test API is imported, so the export reads
 * through to it.
 */
export const chai = new Proxy({} as Chai, {
  get: (_, key) => Reflect.get(loadedChai(), key),
  has: (_, key) => Reflect.has(loadedChai(), key),
  ownKeys: () => Reflect.ownKeys(loadedChai()),
  getOwnPropertyDescriptor: (_, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(loadedChai(), key);
    return descriptor && { ...descriptor, configurable: true };
  },
});
