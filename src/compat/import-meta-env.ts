import { perThread } from './per-thread.js';

/**
 * Vite's `import.meta.env` as Vitest gives it to tests: the process environment (so vi.stubEnv
 * shows through) over Vite's built-in keys. Bundled files read it through a global slot, as a
 * bundle's own `import.meta` is not the test file's.
 */
const BUILT_IN: Record<string, unknown> = { MODE: 'test', DEV: true, PROD: false, SSR: true, BASE_URL: '/' };

export const importMetaEnv: Record<string, unknown> = perThread(
  'import-meta-env',
  () =>
    new Proxy({} as Record<string, unknown>, {
      get: (_, key) => (typeof key !== 'string' ? undefined : key in process.env ? process.env[key] : BUILT_IN[key]),
      set: (_, key, value) => {
        if (typeof key === 'string') process.env[key] = String(value);
        return true;
      },
      has: (_, key) => typeof key === 'string' && (key in process.env || key in BUILT_IN),
      ownKeys: () => [...new Set([...Object.keys(BUILT_IN), ...Object.keys(process.env)])],
      getOwnPropertyDescriptor: (_, key) =>
        typeof key === 'string' && (key in process.env || key in BUILT_IN)
          ? { value: key in process.env ? process.env[key] : BUILT_IN[key], enumerable: true, configurable: true, writable: true }
          : undefined,
    }),
);
