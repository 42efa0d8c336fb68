import { perThread } from './per-thread.js';

/**
 * vi.stubEnv / vi.stubGlobal: each remembers what it replaced the first time, so unstubbing puts
 * back the original whatever happened between. The worker unstubs everything after each file,
 * since the next file on the thread shares the global object.
 */
export class Stubs {
  private readonly env = new Map<string, string | undefined>();
  private readonly globals = new Map<PropertyKey, PropertyDescriptor | undefined>();

  stubEnv(name: string, value: string | boolean | undefined): void {
    if (!this.env.has(name)) this.env.set(name, process.env[name]);
    if (value === undefined) delete process.env[name];
    // Vitest writes booleans as '1' / '' (as Vite's import.meta.env does for PROD, DEV and SSR)
    else process.env[name] = typeof value === 'boolean' ? (value ? '1' : '') : value;
  }

  unstubAllEnvs(): void {
    for (const [name, value] of this.env) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    this.env.clear();
  }

  stubGlobal(name: PropertyKey, value: unknown): void {
    if (!this.globals.has(name)) this.globals.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: true });
  }

  unstubAllGlobals(): void {
    for (const [name, descriptor] of this.globals) {
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else Reflect.deleteProperty(globalThis, name);
    }
    this.globals.clear();
  }
}

export const stubs: Stubs = perThread('stubs', () => new Stubs());
