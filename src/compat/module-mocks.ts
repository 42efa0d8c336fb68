import { mocker } from './mocker.js';
import { asNamespace } from './fresh-modules.js';
import { perThread } from './per-thread.js';
import { isThenable } from '../model/thenable.js';
import { propertyOrUndefined } from './read-property.js';
import { cycleStandIn } from './mock-cycle.js';

/**
 * The thread's module mocks. A mocked module's imports, wherever they are in the bundle, reach
 * `load(id)` (see transform/mock-plugin.ts), which returns the mock registered for the id (the
 * factory's result, the `__mocks__` file, or an automatic mock of the real module) or the real one.
 * Registrations belong to one test file: the worker forgets them when it ends.
 */
type Factory = (importOriginal: () => Promise<unknown>) => unknown;
interface Loaders {
  actual: () => unknown;
  manual?: () => unknown;
}
interface Registration {
  specifier: string;
  dialect: 'jest' | 'vitest';
  factory: Factory | undefined;
  spy: boolean;
  loaders: Loaders;
  settled: boolean;
  value?: unknown;
}

export class ModuleMocks {
  private readonly registrations = new Map<string, Registration>();
  /** the registrations whose value is being made now: an import that reaches one again came through a cycle */
  private readonly producing = new Set<Registration>();

  register(id: string, specifier: string, dialect: 'jest' | 'vitest', factoryOrOptions: Factory | { spy?: boolean } | undefined, loaders: Loaders): void {
    const factory = typeof factoryOrOptions === 'function' ? factoryOrOptions : undefined;
    const spy = typeof factoryOrOptions === 'object' && factoryOrOptions?.spy === true;
    this.registrations.set(id, { specifier, dialect, factory, spy, loaders, settled: false });
  }

  /**
   * The id a load resolved at run time is mocked under, if it is: its resolved `id`, or for a
   * package, a mock registered under the same name (it may resolve to another of its files).
   */
  mockedId(specifier: string, id: string | undefined): string | undefined {
    if (id !== undefined && this.registrations.has(id)) return id;
    if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
    for (const [key, registration] of this.registrations) if (registration.specifier === specifier) return key;
    return undefined;
  }

  unregister(id: string): void {
    this.registrations.delete(id);
  }

  /** Runs the factories of an ES module's mocks before its imports, so async factories work. */
  async settle(): Promise<void> {
    for (const registration of this.registrations.values()) {
      if (registration.settled) continue;
      this.producing.add(registration);
      try {
        const value = await this.produce(registration, true);
        Object.assign(registration, { value: withEsModuleFlag(value), settled: true });
      } finally {
        this.producing.delete(registration);
      }
    }
  }

  /** What an import of `id` gets; `actual` and `manual` load the real module and the manual mock synchronously, as the import needs them now. */
  load(id: string, actual: () => unknown, manual?: () => unknown): unknown {
    const registration = this.registrations.get(id);
    if (!registration) return actual();
    return this.value(registration, { actual, ...(manual ? { manual } : {}) });
  }

  /**
   * An `import()` or `require()` the file runs after it may have registered a mock (`vi.doMock`):
   * the mock registered now, else the module as the bundle loads it. The bundle evaluates each
   * module once, so without this a module the file had imported before would stay real.
   */
  late(id: string, kind: 'import' | 'require', load: () => unknown): unknown {
    const registration = this.registrations.get(id);
    if (!registration) return load();
    return kind === 'import' ? asNamespace(this.value(registration)) : this.value(registration);
  }

  /** `vi.importMock` / `jest.requireMock`: the mock even where none was registered */
  mocked(id: string, specifier: string, actual: () => unknown): unknown {
    const registration = this.registrations.get(id) ?? { specifier, dialect: 'jest', factory: undefined, spy: false, loaders: { actual }, settled: false };
    return this.value(registration);
  }

  forget(): void {
    this.registrations.clear();
  }

  /**
   * `now`: the import site's synchronous loads of the real module and the manual mock. An ES
   * module test file registers asynchronous ones, which settle() awaits; but while it awaits one
   * mock's real module, that module's imports may need another mock at once (tldraw: the
   * automocked Editor imports SnapManager, which imports the automocked BoundsSnaps), and an
   * automock of the promise would be empty.
   */
  private value(registration: Registration, now?: Loaders): unknown {
    if (!registration.settled) {
      if (this.producing.has(registration)) {
        const early = () => withEsModuleFlag(this.produce(registration, false, now));
        return cycleStandIn(() => (registration.settled ? { value: registration.value } : undefined), early, now?.actual());
      }
      this.producing.add(registration);
      let value: unknown;
      try {
        value = this.produce(registration, false, now);
      } finally {
        this.producing.delete(registration);
      }
      if (isThenable(value)) {
        throw new Error(`vi.mock("${registration.specifier}"): the factory returned a promise, but the module was required synchronously (require() or a CommonJS file): make the factory synchronous`);
      }
      Object.assign(registration, { value: withEsModuleFlag(value), settled: true });
    }
    return registration.value;
  }

  private produce(r: Registration, async: boolean, now?: Loaders): unknown {
    const original = r.dialect === 'vitest' ? vitestInterop : (module: unknown) => module;
    if (r.factory) {
      const result = r.factory(() => Promise.resolve(r.loaders.actual()).then((module) => spiable(original(module))));
      return isThenable(result) ? result.then((value) => checked(r, value)) : checked(r, result);
    }
    const loaders = async ? r.loaders : { ...r.loaders, ...now };
    if (r.loaders.manual && !r.spy) return (loaders.manual ?? r.loaders.manual)();
    const actual = loaders.actual();
    if (async && isThenable(actual)) return actual.then((module) => automock(original(module), r.spy));
    return automock(original(actual), r.spy);
  }
}

/**
 * `importOriginal()`'s module as an object a spy may change. An ES module's namespace is read-only
 * (Node's, or a bundle's getters), so `vi.spyOn(await importOriginal(), 'compose')` threw; Vitest
 * gives such an object for a dependency it transforms itself (`server.deps.inline`, RTK's redux).
 * A copy of the exports, then; CommonJS exports, which are changeable, as they are, and so is an
 * inlined package's (inline-deps.ts), whose importers share it.
 */
function spiable(module: unknown): unknown {
  if (typeof module !== 'object' || module === null) return module;
  // (a CommonJS build's `__esModule` flag is read-only, and no spy's business)
  const readOnly = Object.entries(Object.getOwnPropertyDescriptors(module)).some(([key, d]) => key !== '__esModule' && !d.configurable && !d.writable);
  if (!readOnly && Object.prototype.toString.call(module) !== '[object Module]') return module;
  return plainExports(module);
}

/**
 * Vitest's interop for a CommonJS file it imports: Node's namespace of one compiled from an ES
 * module (`{ __esModule, default: module.exports }`) stands for the `module.exports` it wraps, so
 * an automock's default import is the mocked default function and `importOriginal()` gives the
 * exports; any other namespace is kept, `default` and all.
 */
function vitestInterop(module: unknown): unknown {
  if (Object.prototype.toString.call(module) !== '[object Module]') return module;
  const exports = (module as { default?: unknown }).default;
  return (typeof exports === 'object' || typeof exports === 'function') && exports !== null && '__esModule' in exports ? exports : module;
}

/** a module's exports read out into a plain object (a bundled or Node's ES module has getters) */
function plainExports(module: object): Record<string, unknown> {
  // in an import cycle an automock is made of a module whose bindings are not all set (a
  // re-export's getter throws): such an export is undefined, as a CommonJS module's later exports are to Jest
  return Object.fromEntries(Object.keys(module).map((key) => [key, propertyOrUndefined(module as Record<string, unknown>, key)]));
}

/** Vitest refuses a factory that returns no object: every named import of it would be undefined. */
function checked(r: Registration, value: unknown): unknown {
  if (r.dialect === 'vitest' && (typeof value !== 'object' || value === null)) {
    throw new Error(`[vitest] vi.mock("${r.specifier}", factory?) is not returning an object. Did you mean to return an object with a "default" key?`);
  }
  return value;
}

/**
 * Jest's automatic mock: every function a mock returning undefined, classes with mocked methods,
 * the rest copied. With `{ spy: true }` (Vitest) the functions keep their implementation.
 */
function automock(module: unknown, spy: boolean): unknown {
  // a bundled ES module's exports are getters, which jest-mock's metadata skips: read them out
  const plain = typeof module === 'object' && module !== null ? plainExports(module) : module;
  const metadata = mocker.getMetadata(plain);
  if (!metadata) return module;
  const mock = mocker.generateFromMetadata(metadata) as Record<string, unknown>;
  // still an ES module: its importers must find the named exports, not a `default` wrapping them
  if ((module as { __esModule?: unknown } | null)?.__esModule && Object.isExtensible(mock)) Object.defineProperty(mock, '__esModule', { value: true });
  if (spy && typeof plain === 'object' && plain !== null) {
    for (const [key, value] of Object.entries(plain)) {
      const mocked = mock[key];
      if (typeof value === 'function' && mocker.isMockFunction(mocked)) mocked.mockImplementation(value as (...args: unknown[]) => unknown);
    }
  }
  return mock;
}

/**
 * A factory's `{ default, named }` is an ES module's shape: the bundler must read `default` from
 * it rather than take the whole object as the default import.
 */
function withEsModuleFlag(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && Object.hasOwn(value, 'default') && !Object.hasOwn(value, '__esModule') && Object.isExtensible(value)) {
    Object.defineProperty(value, '__esModule', { value: true, enumerable: false });
  }
  return value;
}

export const moduleMocks: ModuleMocks = perThread('mocks', () => new ModuleMocks());
