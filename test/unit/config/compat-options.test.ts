import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveCompat } from '../../../src/config/compat-options.js';
import { JEST_28_SNAPSHOT_FORMAT } from '../../../src/model/compat.js';
import { UsageError } from '../../../src/config/usage-error.js';

/** a root whose node_modules holds the given Jest version (or none), as `jest` or as `jest-cli` alone */
function rootWithJest(version?: string, name = 'jest'): string {
  const root = mkdtempSync(join(tmpdir(), 'ptest-compat-'));
  writeFileSync(join(root, 'package.json'), '{}');
  if (version) {
    mkdirSync(join(root, 'node_modules', name), { recursive: true });
    writeFileSync(join(root, 'node_modules', name, 'package.json'), JSON.stringify({ name, version }));
  }
  return root;
}

describe('resolveCompat', () => {
  it("stores snapshots as the suite's own Jest did: Jest 28 and older printed `Object {` and escaped strings", () => {
    expect(resolveCompat({ snapshotDialect: 'jest' }, rootWithJest('27.5.1'), {}).snapshot.format).toEqual(JEST_28_SNAPSHOT_FORMAT);
    expect(resolveCompat({ snapshotDialect: 'jest' }, rootWithJest('29.7.0'), {}).snapshot.format).toBeUndefined();
    expect(resolveCompat({}, rootWithJest(), {}).snapshot.format).toBeUndefined();
    // a Vitest suite keeps Vitest's format whatever Jest lies around
    expect(resolveCompat({ snapshotDialect: 'vitest' }, rootWithJest('27.5.1'), {}).snapshot.format).toBeUndefined();
  });

  it('runs a Jest 26-or-older suite in jsdom when its config names no environment, as that Jest did', () => {
    expect(resolveCompat({ snapshotDialect: 'jest' }, rootWithJest('26.6.3'), {}).environment).toBe('jsdom');
    expect(resolveCompat({ snapshotDialect: 'jest', environment: 'node' }, rootWithJest('24.9.0'), {}).environment).toBe('node');
    expect(resolveCompat({ snapshotDialect: 'jest' }, rootWithJest('27.0.0'), {}).environment).toBe('node');
    expect(resolveCompat({}, rootWithJest('24.9.0'), {}).environment).toBe('node');
    expect(resolveCompat({ snapshotDialect: 'jest' }, rootWithJest('20.0.4', 'jest-cli'), {}).environment).toBe('jsdom');
  });

  it("ends tests that take done by jasmine2's rule on Jest 26 and older, unless testRunner says circus", () => {
    expect(resolveCompat({ snapshotDialect: 'jest' }, rootWithJest('24.9.0'), {}).jasmine2).toBe(true);
    expect(resolveCompat({ snapshotDialect: 'jest', testRunner: 'circus' }, rootWithJest('26.6.3'), {}).jasmine2).toBeUndefined();
    expect(resolveCompat({ snapshotDialect: 'jest' }, rootWithJest('27.0.0'), {}).jasmine2).toBeUndefined();
    expect(resolveCompat({ snapshotDialect: 'jest', testRunner: 'jasmine2' }, rootWithJest('29.7.0'), {}).jasmine2).toBe(true);
    expect(() => resolveCompat({ testRunner: 'mocha' }, rootWithJest(), {})).toThrow(new UsageError(`testRunner: expected 'circus' or 'jasmine2', got "mocha"`));
  });

  it("resolves a jsdom or happy-dom file's imports with `browser` on Jest 28 and later, as Jest does, in place of Node's `node` until Jest 30; a config's own win", () => {
    const browser = { jsdom: ['browser'], 'happy-dom': ['browser'] };
    expect(resolveCompat({ snapshotDialect: 'jest' }, rootWithJest('28.1.3'), {}).environmentConditions).toEqual(browser);
    // Jest 30 requires with `node` beside the environment's (and so does a Jest suite without Jest installed: the newest)
    const both = { jsdom: ['node', 'browser'], 'happy-dom': ['node', 'browser'] };
    expect(resolveCompat({ snapshotDialect: 'jest' }, rootWithJest('30.0.0'), {}).environmentConditions).toEqual(both);
    expect(resolveCompat({ snapshotDialect: 'jest' }, rootWithJest(), {}).environmentConditions).toEqual(both);
    expect(resolveCompat({ snapshotDialect: 'jest', environmentConditions: { node: ['development'] } }, rootWithJest('30.5.2'), {}).environmentConditions).toEqual({ ...both, node: ['node', 'development'] });
    // Jest 27 read no `exports`; Vitest and ptest's own suites resolve with Node's
    expect(resolveCompat({ snapshotDialect: 'jest' }, rootWithJest('27.5.1'), {}).environmentConditions).toBeUndefined();
    expect(resolveCompat({ snapshotDialect: 'vitest' }, rootWithJest('29.7.0'), {}).environmentConditions).toBeUndefined();
    expect(resolveCompat({}, rootWithJest(), {}).environmentConditions).toBeUndefined();
    const own = { node: ['development'], jsdom: ['development'] };
    expect(resolveCompat({ snapshotDialect: 'jest', environmentConditions: own }, rootWithJest('29.7.0'), {}).environmentConditions).toEqual({ ...own, 'happy-dom': ['browser'] });
    expect(resolveCompat({ environmentConditions: { jsdom: ['worker'] } }, rootWithJest(), {}).environmentConditions).toEqual({ jsdom: ['worker'] });
    // a project's own, with Jest's for the environments it leaves out
    const projects = [{ include: ['a/*.test.js'], environmentConditions: { jsdom: ['development'] } }, { include: ['b/*.test.js'], environment: 'jsdom' }];
    expect(resolveCompat({ snapshotDialect: 'jest', projects }, rootWithJest('29.7.0'), {}).projectEnvironments).toEqual([
      { include: ['a/*.test.js'], exclude: [], environmentConditions: { jsdom: ['development'], 'happy-dom': ['browser'] } },
      { include: ['b/*.test.js'], exclude: [], environment: 'jsdom' },
    ]);
  });

  it("takes the window's Node globals per project too, and names a value that is no list of names", () => {
    const projects = [{ include: ['b/*.test.js'], environment: 'jsdom', windowNodeGlobals: ['fetch'] }];
    expect(resolveCompat({ windowNodeGlobals: ['fetch'], projects }, rootWithJest(), {})).toMatchObject({ windowNodeGlobals: ['fetch'], projectEnvironments: [{ include: ['b/*.test.js'], exclude: [], environment: 'jsdom', windowNodeGlobals: ['fetch'] }] });
    expect(() => resolveCompat({ windowNodeGlobals: 'fetch' as unknown as string[] }, rootWithJest(), {})).toThrow(new UsageError(`windowNodeGlobals: expected a list of names, like ['fetch', 'TextEncoder'], got "fetch"`));
  });

  it('names what is wrong with environmentConditions', () => {
    const root = rootWithJest();
    expect(() => resolveCompat({ environmentConditions: { browser: ['x'] } }, root, {})).toThrow(new UsageError('environmentConditions.browser: not an environment (node, jsdom, happy-dom)'));
    expect(() => resolveCompat({ environmentConditions: { jsdom: 'browser' } }, root, {})).toThrow(new UsageError(`environmentConditions.jsdom: expected a list of condition names, like ['browser'], got "browser"`));
    expect(() => resolveCompat({ environmentConditions: ['browser'] as unknown as Record<string, unknown> }, root, {})).toThrow(/^environmentConditions: expected an object of condition lists by environment/);
  });

  it('lets a configured snapshotFormat win', () => {
    const format = { printBasicPrototype: false };
    expect(resolveCompat({ snapshotFormat: format }, rootWithJest('27.5.1'), {}).snapshot.format).toEqual(format);
  });

  it("adds Vite's mode condition to a Vitest suite's: development, or production when NODE_ENV says so (checked under Vitest 3.2 and 4.1)", () => {
    expect(resolveCompat({ snapshotDialect: 'vitest', conditions: ['source'] }, rootWithJest(), {}).conditions).toEqual(['source', 'development']);
    expect(resolveCompat({ snapshotDialect: 'vitest' }, rootWithJest(), { NODE_ENV: 'production' }).conditions).toEqual(['production']);
    expect(resolveCompat({ snapshotDialect: 'vitest' }, rootWithJest(), { NODE_ENV: 'test' }).conditions).toEqual(['development']);
    expect(resolveCompat({ snapshotDialect: 'jest' }, rootWithJest(), {}).conditions).toEqual([]);
    expect(resolveCompat({}, rootWithJest(), {}).conditions).toEqual([]);
  });

  it('takes extra conditions and the document URL, and refuses a URL that is none', () => {
    expect(resolveCompat({ conditions: ['source'], environmentUrl: 'http://localhost/' }, rootWithJest(), {})).toMatchObject({ conditions: ['source'], environmentUrl: 'http://localhost/' });
    expect(() => resolveCompat({ environmentUrl: 'localhost' }, rootWithJest(), {})).toThrow(new UsageError("environmentUrl: not a URL: 'localhost'"));
  });

  it("takes jsdom's constructor options as data, and names an option it cannot pass on", () => {
    expect(resolveCompat({ jsdomOptions: { resources: 'usable', html: '<p></p>' } }, rootWithJest(), {}).jsdomOptions).toEqual({ resources: 'usable', html: '<p></p>' });
    expect(() => resolveCompat({ jsdomOptions: { resources: 'all' } }, rootWithJest(), {})).toThrow(new UsageError("jsdomOptions.resources: must be 'usable'"));
    expect(() => resolveCompat({ jsdomOptions: { storageQuota: '5mb' } }, rootWithJest(), {})).toThrow(new UsageError('jsdomOptions.storageQuota: must be a number'));
    expect(() => resolveCompat({ jsdomOptions: { url: 'http://x/' } }, rootWithJest(), {})).toThrow(/^jsdomOptions\.url: not an option ptest passes to jsdom \(.*; the URL is environmentUrl\)$/);
    expect(() => resolveCompat({ jsdomOptions: [] as unknown as Record<string, unknown> }, rootWithJest(), {})).toThrow(new UsageError('jsdomOptions: must be an object of jsdom options'));
  });

  it('takes inlineDeps as names and RegExps (plain data for the workers), or true, and names anything else', () => {
    const root = rootWithJest();
    expect(resolveCompat({ inlineDeps: ['redux', /^\/lib\//i] }, root, {}).inlineDeps).toEqual({ all: false, names: ['redux'], patterns: [{ source: '^\\/lib\\/', flags: 'i' }] });
    expect(resolveCompat({ inlineDeps: true }, root, {}).inlineDeps).toEqual({ all: true, names: [], patterns: [] });
    expect(resolveCompat({}, root, {}).inlineDeps).toBeUndefined();
    expect(() => resolveCompat({ inlineDeps: 'redux' as unknown as string[] }, root, {})).toThrow(new UsageError('inlineDeps: expected true or a list of package names and regular expressions, got "redux"'));
  });

  it('finds snapshot serializers as setup files are found (a path from the root, or a package), and names one that is missing', () => {
    const root = rootWithJest('30.0.0');
    writeFileSync(join(root, 'tag.js'), 'module.exports = {};');
    writeFileSync(join(root, 'node_modules', 'jest', 'serializer.js'), 'module.exports = {};');
    expect(resolveCompat({ snapshotSerializers: ['tag.js', 'jest/serializer.js'] }, root, {}).snapshotSerializers).toEqual([join(root, 'tag.js'), join(root, 'node_modules', 'jest', 'serializer.js')]);
    expect(() => resolveCompat({ snapshotSerializers: ['./missing.js'] }, root, {})).toThrow(new UsageError('snapshotSerializers: no such file or package: ./missing.js'));
  });

  it("takes Jest's transformIgnorePatterns as the package files not to inline, beside Vitest's inline list, and names a pattern that is no RegExp", () => {
    const root = rootWithJest('30.0.0');
    expect(resolveCompat({ transformIgnorePatterns: ['node_modules/(?!@patternfly)'] }, root, {}).inlineDeps).toEqual({ all: false, names: [], patterns: [], unlessIgnoredBy: [{ source: 'node_modules/(?!@patternfly)', flags: '' }] });
    expect(resolveCompat({ inlineDeps: ['redux'], transformIgnorePatterns: [] }, root, {}).inlineDeps).toEqual({ all: false, names: ['redux'], patterns: [], unlessIgnoredBy: [] });
    expect(resolveCompat({}, root, {}).inlineDeps).toBeUndefined();
    expect(() => resolveCompat({ transformIgnorePatterns: ['('] }, root, {})).toThrow(new UsageError('transformIgnorePatterns: expected a list of regular expressions, got ["("]'));
  });

  it("finds each file transform's module, keeps a compiler's pattern, and names a missing module or a pattern that is no RegExp", () => {
    const root = rootWithJest('30.0.0');
    writeFileSync(join(root, 'file.js'), 'module.exports = {};');
    const transforms = [{ pattern: '\\.ts$' }, { pattern: '\\.svg$', transformer: 'file.js', options: { a: 1 } }];
    expect(resolveCompat({ fileTransforms: transforms }, root, {}).fileTransforms).toEqual([{ pattern: '\\.ts$' }, { pattern: '\\.svg$', transformer: join(root, 'file.js'), options: { a: 1 } }]);
    expect(resolveCompat({ fileTransforms: [{ pattern: '\\.ts$' }] }, root, {}).fileTransforms).toBeUndefined();
    expect(() => resolveCompat({ fileTransforms: [{ pattern: 'x', transformer: './nope.js' }] }, root, {})).toThrow(new UsageError("fileTransforms (Jest's transform): no such file or package: ./nope.js"));
    expect(() => resolveCompat({ fileTransforms: [{ pattern: '(', transformer: 'file.js' }] }, root, {})).toThrow(/^fileTransforms: "\(" is not a regular expression/);
  });

  it('lists the package mocks of each folder given, and names a packageMocks that is no list of folders', () => {
    const root = rootWithJest();
    mkdirSync(join(root, 'mocks', '@s'), { recursive: true });
    writeFileSync(join(root, 'mocks', '@s', 'p.js'), '');
    expect(resolveCompat({ packageMocks: ['mocks', 'absent'] }, root, {}).packageMocks).toEqual([{ specifier: '@s/p', file: join(root, 'mocks', '@s', 'p.js') }]);
    expect(() => resolveCompat({ packageMocks: '__mocks__' as unknown as string[] }, root, {})).toThrow(new UsageError(`packageMocks: expected a list of folders, like ['__mocks__'], got "__mocks__"`));
  });

  it('takes esModuleInterop: false (TypeScript without esModuleInterop), leaves it unset otherwise, and names a value that is no boolean', () => {
    const root = rootWithJest();
    expect(resolveCompat({ esModuleInterop: false }, root, {}).esModuleInterop).toBe(false);
    expect(resolveCompat({ esModuleInterop: true }, root, {})).not.toHaveProperty('esModuleInterop');
    expect(() => resolveCompat({ esModuleInterop: 'no' as unknown as boolean }, root, {})).toThrow(new UsageError('esModuleInterop: expected true or false, got "no"'));
  });
});
