import { describe, expect, it } from 'vitest';
import { mocker } from '../../../src/compat/mocker.js';
import { ModuleMocks } from '../../../src/compat/module-mocks.js';

describe("ModuleMocks: a Vitest factory's importOriginal", () => {
  it("gives an ES module's read-only namespace as an object a spy may change (RTK spies on redux's compose)", async () => {
    const compose = () => 'composed';
    // what Node hands out for an ES module: exports that cannot be reassigned
    const namespace = Object.freeze(Object.assign(Object.create(null), { compose }));
    const mocks = new ModuleMocks();
    mocks.register('/nm/redux/index.mjs', 'redux', 'vitest', async (importOriginal) => {
      const redux = (await importOriginal()) as { compose: () => string };
      mocker.spyOn(redux, 'compose');
      return redux;
    }, { actual: () => namespace });
    await mocks.settle();
    const mocked = mocks.load('/nm/redux/index.mjs', () => namespace) as { compose: () => string };
    expect(mocked.compose()).toBe('composed');
    expect(mocker.isMockFunction(mocked.compose)).toBe(true);
    expect(namespace.compose).toBe(compose);
  });

  it('gives CommonJS exports as they are, so a spy on them reaches their other importers', async () => {
    const exports = { now: () => 1 };
    const mocks = new ModuleMocks();
    let original: unknown;
    mocks.register('/nm/clock/index.js', 'clock', 'vitest', async (importOriginal) => (original = await importOriginal()), { actual: () => exports });
    await mocks.settle();
    expect(original).toBe(exports);
  });
});

describe('ModuleMocks.late: an import() or require() the file runs after its doMock', () => {
  it('gets the mock registered by then, though the bundle loaded the module before; else the module as loaded', async () => {
    const mocks = new ModuleMocks();
    const real = { nextNumber: () => 1 };
    expect(mocks.late('/p/seq.ts', 'require', () => real)).toBe(real);
    mocks.register('/p/seq.ts', './seq', 'vitest', () => ({ nextNumber: () => 100 }), { actual: () => real });
    await mocks.settle();
    expect((mocks.late('/p/seq.ts', 'import', () => real) as typeof real).nextNumber()).toBe(100);
    expect((mocks.late('/p/seq.ts', 'require', () => real) as typeof real).nextNumber()).toBe(100);
    mocks.unregister('/p/seq.ts');
    expect(mocks.late('/p/seq.ts', 'import', () => real)).toBe(real);
  });
});

describe('ModuleMocks: an automock asked for while settle() awaits another', () => {
  it("automocks the real module the import site loads at once, not the ES module file's promise of it (tldraw's SnapManager)", async () => {
    class Snaps {
      thing() {
        return 1;
      }
    }
    const snapsModule = { __esModule: true, Snaps };
    const mocks = new ModuleMocks();
    let seen: { Snaps?: unknown } | undefined;
    // the real Editor, loaded for its own automock, imports Manager, which imports the mocked Snaps now
    mocks.register('/p/Editor.ts', './Editor', 'vitest', undefined, {
      actual: () => Promise.resolve().then(() => {
        seen = mocks.load('/p/Snaps.ts', () => snapsModule) as { Snaps?: unknown };
        return { __esModule: true, Editor: class {} };
      }),
    });
    mocks.register('/p/Snaps.ts', './Snaps', 'vitest', undefined, { actual: () => Promise.resolve(snapsModule) });
    await mocks.settle();
    expect(mocker.isMockFunction(seen?.Snaps)).toBe(true);
    expect(mocks.load('/p/Snaps.ts', () => snapsModule)).toBe(seen);
  });

  it('takes the manual mock the import site loads at once, where the registration would give a promise of it', async () => {
    const manualSnaps = { __esModule: true, Snaps: class {}, manual: true };
    const mocks = new ModuleMocks();
    let seen: unknown;
    mocks.register('/p/Editor.ts', './Editor', 'vitest', undefined, {
      actual: () => Promise.resolve().then(() => {
        seen = mocks.load('/p/Snaps.ts', () => ({ real: true }), () => manualSnaps);
        return { __esModule: true, Editor: class {} };
      }),
    });
    mocks.register('/p/Snaps.ts', './Snaps', 'vitest', undefined, { actual: () => Promise.resolve({ real: true }), manual: () => Promise.resolve(manualSnaps) });
    await mocks.settle();
    expect(seen).toBe(manualSnaps);
  });
});

describe('ModuleMocks: an automock of a module in an import cycle', () => {
  it("gives the importer inside the cycle a mock of what the half-loaded module has while the cycle loads (Jest's partial exports), and the whole module's mock after, as the rest get", async () => {
    const whole = { __esModule: true, identity: (x: unknown) => x, parseYaml: (s: string) => s };
    // the bundle's exports of utils while its imports are still loading: a re-export's getter throws
    const halfLoaded = {
      __esModule: true,
      identity: whole.identity,
      get parseYaml(): unknown {
        throw new TypeError("Cannot read properties of undefined (reading 'parseYaml')");
      },
    };
    const mocks = new ModuleMocks();
    let seenInCycle: Record<string, unknown> | undefined;
    let duringCycle: unknown[] = [];
    // loading the real utils for its automock loads logger, which imports the mocked utils back
    mocks.register('/p/utils.ts', './utils', 'jest', undefined, {
      actual: () => Promise.resolve().then(() => {
        seenInCycle = mocks.load('/p/utils.ts', () => halfLoaded) as Record<string, unknown>;
        duringCycle = [mocker.isMockFunction(seenInCycle.identity), seenInCycle.parseYaml, seenInCycle.__esModule];
        return whole;
      }),
    });
    await mocks.settle();
    expect(duringCycle).toEqual([true, undefined, true]);
    const mocked = mocks.load('/p/utils.ts', () => whole) as Record<string, unknown>;
    expect(mocker.isMockFunction(mocked.identity)).toBe(true);
    expect(mocker.isMockFunction(mocked.parseYaml)).toBe(true);
    // the bundle keeps what the cycle's import got: by now it reads the whole mock
    expect(seenInCycle?.parseYaml).toBe(mocked.parseYaml);
    expect(Object.keys(seenInCycle ?? {})).toEqual(Object.keys(mocked));
  });
});
