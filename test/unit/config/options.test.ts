import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INCLUDE, MODULES_IDLE_MEMORY_MB, resolveOptions } from '../../../src/config/options.js';
import { UsageError } from '../../../src/config/usage-error.js';

describe('resolveOptions', () => {
  it('resolves setupWorker and globalSetup against the root', () => {
    const root = resolve(import.meta.dirname, '../../../fixtures/worker-db');
    const o = resolveOptions([{ setupWorker: 'setup-worker.ts', globalSetup: './global-setup.ts' }], [], root);
    expect(o.setupWorker).toBe(join(root, 'setup-worker.ts'));
    expect(o.globalSetup).toEqual({ provide: {}, setup: [join(root, 'global-setup.ts')], teardown: [], jest: false });
    expect(resolveOptions([], [], root)).toMatchObject({ setupWorker: null, globalSetup: { provide: {}, setup: [], teardown: [], jest: false } });
  });

  it("takes a list of global setups, Jest's globalTeardown, and a package's module as Jest names it", () => {
    const root = resolve(import.meta.dirname, '../../..');
    const o = resolveOptions([{ globalSetup: ['fixtures/worker-db/global-setup.ts', 'esbuild/package.json'], globalTeardown: './package.json', jestGlobalSetup: true, provide: { a: 1 } }], [], root);
    expect(o.globalSetup).toEqual({ provide: { a: 1 }, setup: [join(root, 'fixtures/worker-db/global-setup.ts'), join(root, 'node_modules/esbuild/package.json')], teardown: [join(root, 'package.json')], jest: true });
  });

  it('applies the contract defaults', () => {
    const o = resolveOptions([], [], '/work');
    expect(o).toMatchObject({ root: '/work', workers: availableParallelism(), dist: 'steal', grep: null, timeoutMs: 5000, bail: 0, include: DEFAULT_INCLUDE });
    expect(o.reporters).toEqual([{ name: 'default' }]);
  });

  it('lets later layers (flags) override earlier ones (config file), ignoring unset values', () => {
    const o = resolveOptions([{ workers: 3, timeout: 100 }, { workers: '5', timeout: undefined }], [], '/w');
    expect(o.workers).toBe(5);
    expect(o.timeoutMs).toBe(100);
  });

  it('parses reporters with and without a path, and --bail with and without n', () => {
    const o = resolveOptions([{ reporters: ['default', 'json:out/r.json'], bail: true }], [], '/w');
    expect(o.reporters).toEqual([{ name: 'default' }, { name: 'json', path: 'out/r.json' }]);
    expect(o.bail).toBe(1);
    expect(resolveOptions([{ bail: '3' }], [], '/w').bail).toBe(3);
  });

  it("parses isolate: true is a fresh worker, 'modules' replaces a thread above 512 MB unless told otherwise", () => {
    expect(resolveOptions([], [], '/w')).toMatchObject({ isolate: 'none', workerIdleMemoryMb: null });
    expect(resolveOptions([{ isolate: true }], [], '/w')).toMatchObject({ isolate: 'worker', workerIdleMemoryMb: null });
    expect(resolveOptions([{ isolate: 'modules' }], [], '/w')).toMatchObject({ isolate: 'modules', workerIdleMemoryMb: MODULES_IDLE_MEMORY_MB });
    expect(resolveOptions([{ isolate: 'modules', workerIdleMemory: 100 }], [], '/w')).toMatchObject({ workerIdleMemoryMb: 100 });
    expect(resolveOptions([{ isolate: 'modules' }, { isolate: false }], [], '/w').isolate).toBe('none');
  });

  it.each([
    [{ isolate: 'threads' }, /^isolate: expected true, false, 'worker', 'modules' or 'none', got "threads"$/],
    [{ workers: 'many' }, /-n\/--workers: expected a whole number or 'auto', got 'many'/],
    [{ workers: 0 }, /-n\/--workers/],
    [{ dist: 'random' }, /--dist: unknown mode 'random' \(choose static, duration, steal\)/],
    [{ timeout: '-5' }, /--timeout: expected a whole number above 0, got '-5'/],
    [{ reporters: ['xml'] }, /--reporter: unknown reporter 'xml'/],
    [{ grep: '(' }, /-t\/--grep: '\(' is not a valid regular expression/],
    [{ setupWorker: 'no/such/setup.ts' }, /^setupWorker: no such file: no\/such\/setup.ts$/],
    [{ globalSetup: 42 as unknown as string }, /^globalSetup: expected a path to a module, or a list of them$/],
    [{ provide: [1] as unknown as Record<string, unknown> }, /^provide: expected an object of values for inject\(\)$/],
    [{ globalTeardown: ['./gone.js'] }, /^globalTeardown: no such file or package: \.\/gone\.js$/],
    [{ globalSetup: 'no-such-package/setup' }, /^globalSetup: no such file or package: no-such-package\/setup$/],
  ])('rejects %j with a one-line usage error naming the flag', (config, message) => {
    expect(() => resolveOptions([config], [], '/w')).toThrow(UsageError);
    expect(() => resolveOptions([config], [], '/w')).toThrow(message);
  });
});
