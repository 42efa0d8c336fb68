import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, testById } from '../helpers/run-cli.js';
import { inProject } from '../helpers/in-project.js';

/**
 * fixtures/compat: suites written as Vitest and Jest users write them (imports from 'vitest', Jest
 * globals, vi.mock and jest.mock, fake timers, .each tables, snapshots, jsdom), run unchanged. The
 * expected counts are what Vitest 4 and Jest 30 themselves report for the same files
 * (fixtures/compat/EXPECTED.md). Runs are on CI (CI=1): no snapshot may be written or rewritten.
 */
function snapshotHashes(dir: string): Record<string, string> {
  // (file snapshots too: toMatchFileSnapshot's files sit in __snapshots__ under any name)
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.snap') || f.includes('__snapshots__/') || /\.test\.[jt]s$/.test(f));
  return Object.fromEntries(files.map((f) => [f, createHash('sha1').update(readFileSync(join(dir, f))).digest('hex')]));
}

describe.each([
  // Vitest: 125 passed + 3 expected failures (test.fails) = 128 passed; 3 skipped; 1 todo
  { name: 'vitest', passed: 128, skipped: 3, todo: 1, config: 'vitest.config.ts', teardown: { env: 'RECEIPTS_TEARDOWN_LOG', log: 'torn down\n' } },
  { name: 'jest', passed: 87, skipped: 2, todo: 1, config: 'jest.config.js', teardown: { env: 'SHOP_TEARDOWN_LOG', log: 'closed shop-jest\n' } },
  // msw's guide for Jest: jest-fixed-jsdom, Node's fetch family on a jsdom window (the package need not be installed)
  { name: 'jest-fixed-jsdom', passed: 3, skipped: 0, todo: 0, config: 'jest.config.js' },
  // Vite+: tests import from 'vite-plus/test', the config's defineConfig from 'vite-plus'; a setup
  // library in node_modules imports 'vitest' to add its matchers (as @testing-library/jest-dom/vitest)
  { name: 'vite-plus', passed: 6, skipped: 0, todo: 0, config: 'vite.config.ts' },
  // ts-jest with a tsconfig without esModuleInterop: `import * as fs` is the fs module itself; a
  // package requires a TypeScript file by a computed path (jscodeshift's defineTest)
  { name: 'ts-jest-require', passed: 4, skipped: 0, todo: 0, config: 'jest.config.js; esbuild compiles TypeScript and JSX in place of ts-jest (transform), importing CommonJS modules as its tsconfig does, without esModuleInterop' },
] as { name: string; passed: number; skipped: number; todo: number; config: string; teardown?: { env: string; log: string } }[])('the $name suite, unchanged', ({ name, passed, skipped, todo, config, teardown }) => {
  const dir = fixture(`compat/${name}`);

  it('gets the counts its own runner gets, tears its global setup down once, and writes no file', async () => {
    const before = snapshotHashes(dir);
    // its globalTeardown (or what its globalSetup returned) appends to this file
    const log = join(mkdtempSync(join(tmpdir(), 'ptest-teardown-')), 'log');
    const { code, report, stderr } = await runCli(['-n', '2'], { cwd: dir, env: teardown ? { [teardown.env]: log } : {} });
    expect(stderr).toContain(`ptest: read ${config}`);
    expect(report?.summary).toMatchObject({ passed, failed: 0, skipped, todo });
    expect(report?.errors).toEqual([]);
    expect(code).toBe(0);
    expect(snapshotHashes(dir)).toEqual(before);
    if (teardown) expect(readFileSync(log, 'utf8')).toBe(teardown.log);
  });
});

/** a test that writes to its project gets a copy of fixtures/<project> in a temporary directory, removed afterwards */
async function inCopyOf(project: string, run: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ptest-compat-'));
  cpSync(fixture(project), dir, { recursive: true });
  try {
    await run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("a Jest suite's jsdom file", () => {
  it("has Jest's globals, and jsdom its own, also where each file gets a fresh worker and jsdom loads from its copy", async () => {
    const { report } = await runCli(['-n', '1', '--isolate', 'worker', '__tests__/browser-apis.test.js'], { cwd: fixture('compat/jest') });
    expect(report?.summary).toMatchObject({ passed: 4, failed: 0 });
  });
});

describe("a Vitest suite's jsdom file", () => {
  // checked with trial13's repro-2: Vitest 3.2.7 passes both, Vitest 4.1.12 passes the second only
  it.each([
    ['3.2.7', 'the window', true],
    ['4.1.12', 'Node', false],
  ])('under Vitest %s gets the AbortController of %s', async (version, _, windows) => {
    const files = {
      'vitest.config.mjs': "export default { test: { environment: 'jsdom' } };",
      'node_modules/vitest/package.json': JSON.stringify({ name: 'vitest', version }),
      'abort.test.ts': [
        "import { expect, test } from 'vitest';",
        "test('its abort event is the page Event', () => {",
        '  const controller = new AbortController();',
        '  let event: unknown;',
        "  controller.signal.addEventListener('abort', (e) => (event = e));",
        '  controller.abort();',
        `  expect(event instanceof Event).toBe(${windows});`,
        `  expect(controller.signal instanceof EventTarget).toBe(${windows});`,
        '});',
      ].join('\n'),
    };
    await inProject(files, async (dir) => {
      symlinkSync(join(import.meta.dirname, '..', '..', 'node_modules', 'jsdom'), join(dir, 'node_modules', 'jsdom'));
      const { report } = await runCli(['-n', '1'], { cwd: dir });
      expect(report?.tests.map((t) => `${t.status} ${t.attempts[0]?.error?.message ?? ''}`)).toEqual(['passed ']);
    });
  });
});

describe('a Jest project whose Babel config compiles JSX in .js files (pragma h), with no Jest config', () => {
  it("gets Jest 30's counts: JSX in test and source .js files (also through computed requires), and jsdom's named elements as globals", async () => {
    const { code, report, stderr } = await runCli(['-n', '2'], { cwd: fixture('compat/jest-babel-jsx') });
    expect(stderr).toContain("ptest: no config; package.json lists jest: Jest's defaults; JSX compiled with its Babel config's JSX settings (classic, h, Fragment); no other Babel plugin runs");
    expect(report?.summary).toMatchObject({ passed: 8, failed: 0 });
    expect(report?.errors).toEqual([]);
    expect(code).toBe(0);
  });
});

describe("a suite on Jest's jasmine2 runner (testRunner: jest-jasmine2, the default until Jest 27)", () => {
  it('gets Jest 29 + jest-jasmine2\'s counts: async hooks and tests that take done end when done is called', async () => {
    const { code, report } = await runCli(['-n', '1'], { cwd: fixture('compat/jest-jasmine2') });
    expect(report?.summary).toMatchObject({ passed: 4, failed: 0 });
    expect(code).toBe(0);
  });
});

describe('Vitest-style module mocks and timers', () => {
  it('reports the mocked and faked tests by name', async () => {
    const { report } = await runCli(['-n', '1', 'tests/users.test.ts', 'tests/timing.test.ts'], { cwd: fixture('compat/vitest') });
    expect(report?.tests.map((t) => t.status)).not.toContain('failed');
    expect(report?.tests.length).toBe(10);
  });
});

describe('snapshots', () => {
  it('a mismatch fails its test with a readable diff, and leaves the .snap file alone', async () => {
    const dir = fixture('compat/snapshot-mismatch');
    const before = snapshotHashes(dir);
    const { code, report, stderr } = await runCli(['-n', '1'], { cwd: dir });
    expect(code).toBe(1);
    expect(report?.summary).toMatchObject({ passed: 1, failed: 1 });
    // (a suite whose package.json lists vitest, with no config of its own)
    expect(stderr).toContain("ptest: no config; package.json lists vitest: Vitest's defaults");
    const failed = report!.tests.find((t) => t.status === 'failed')!;
    const message = failed.attempts[0]!.error!.message;
    expect(message).toContain('mismatched');
    expect(message).toContain('-   "headline": "3 item(s) in your cart",');
    expect(message).toContain('+   "headline": "3 items in your cart",');
    expect(snapshotHashes(dir)).toEqual(before);
  });

  it('a missing snapshot fails on CI, and is written in the Vitest dialect elsewhere', async () => {
    await inCopyOf('compat/snapshot-mismatch', async (dir) => {
      const snap = join(dir, 'tests', '__snapshots__', 'summary.test.ts.snap');
      rmSync(snap);
      const onCi = await runCli(['-n', '1'], { cwd: dir });
      expect(onCi.code).toBe(1);
      expect(onCi.report?.summary).toMatchObject({ passed: 0, failed: 2 });
      const local = await runCli(['-n', '1'], { cwd: dir, env: { CI: undefined } });
      expect(local.code).toBe(0);
      const written = readFileSync(snap, 'utf8');
      expect(written.split('\n')[0]).toBe('// Vitest Snapshot v1, https://vitest.dev/guide/snapshot.html');
      expect(written).toContain('exports[`summarize > describes a cart with items 1`]');
    });
  });

  it('a missing Jest-dialect snapshot fails on CI, and is written exactly as Jest wrote it elsewhere', async () => {
    await inCopyOf('compat/jest', async (dir) => {
      const snap = join(dir, '__tests__', '__snapshots__', 'snapshots.test.js.snap');
      const jestWrote = readFileSync(snap, 'utf8');
      rmSync(snap);
      const onCi = await runCli(['-n', '1', '__tests__/snapshots.test.js'], { cwd: dir });
      expect(onCi.report?.summary).toMatchObject({ passed: 0, failed: 4 });
      expect(onCi.code).toBe(1);
      const local = await runCli(['-n', '1', '__tests__/snapshots.test.js'], { cwd: dir, env: { CI: undefined } });
      expect(local.code).toBe(0);
      expect(readFileSync(snap, 'utf8')).toBe(jestWrote);
    });
  });

  it.each([
    // Vitest 4 fails the file on CI only; Jest fails the run for them, CI or not
    { dialect: 'Vitest', project: 'compat/vitest', file: 'tests/receipt.test.ts', snap: 'tests/__snapshots__/receipt.test.ts.snap', only: 'explains a bad discount', why: 'on CI, as in Vitest 4', offCi: 0 },
    { dialect: 'Jest', project: 'compat/jest', file: '__tests__/snapshots.test.js', snap: '__tests__/__snapshots__/snapshots.test.js.snap', only: 'several snapshots in one test', why: 'as in Jest', offCi: 1 },
  ])('-u in the $dialect dialect keeps the snapshots of tests it did not run, and removes only obsolete ones, which fail the run $why', async ({ project, file, snap, only, why, offCi }) => {
    await inCopyOf(project, async (dir) => {
      const path = join(dir, snap);
      const stored = readFileSync(path, 'utf8');
      // one test of the file, by -t: every other test's snapshots stay
      const filtered = await runCli(['-n', '1', '-u', '-t', only, file], { cwd: dir });
      expect(filtered.report?.summary.passed).toBeGreaterThan(0);
      expect(readFileSync(path, 'utf8')).toBe(stored);
      // the whole file, with a snapshot no test takes any more: only that one goes
      writeFileSync(path, `${stored}\nexports[\`a test that was deleted 1\`] = \`"gone"\`;\n`);
      // without -u it is reported, with its file, and stays
      const found = await runCli(['-n', '1', file], { cwd: dir });
      expect(found.code).toBe(1);
      expect(found.report?.summary.failed).toBe(0);
      expect(found.report?.errors).toEqual([{ file, kind: 'snapshot', message: `obsolete snapshot "a test that was deleted 1" fails the run ${why}; -u removes it` }]);
      expect(found.report?.snapshots).toMatchObject({ obsolete: 1, removed: 0, unmatched: 0, obsoleteFiles: [file] });
      expect(found.stdout).toContain(`obsolete in ${file}: run with -u to remove them`);
      expect((await runCli(['-n', '1', file], { cwd: dir, env: { CI: undefined } })).code).toBe(offCi);
      const whole = await runCli(['-n', '1', '-u', file], { cwd: dir });
      expect(whole.code).toBe(0);
      expect(whole.report?.snapshots).toMatchObject({ obsolete: 0, removed: 1 });
      expect(readFileSync(path, 'utf8')).toBe(stored);
    });
  });

  it('snapshots stored by Jest 27 (goo.gl header, `Object {`, its snapshotFormat) match as they are, and are not rewritten', async () => {
    await inCopyOf('compat/jest28-snapshots', async (dir) => {
      const snap = join(dir, '__tests__', '__snapshots__', 'invoice.test.js.snap');
      const jestWrote = readFileSync(snap, 'utf8');
      for (const env of [{}, { CI: undefined }]) {
        const run = await runCli(['-n', '1'], { cwd: dir, env });
        expect(run.report?.summary).toMatchObject({ passed: 2, failed: 0 });
        expect(run.code).toBe(0);
        expect(readFileSync(snap, 'utf8')).toBe(jestWrote);
      }
    });
  });

  it('the Jest suite reads its Jest-dialect file: keys joined by spaces, errors as messages', async () => {
    const { report } = await runCli(['-n', '1', '__tests__/snapshots.test.js'], { cwd: fixture('compat/jest') });
    expect(report?.summary).toMatchObject({ passed: 4, failed: 0 });
    expect(testById(report, '__tests__/snapshots.test.js > snapshots > several snapshots in one test').status).toBe('passed');
  });

  it("adds the config's snapshotSerializers, from a package too, and names a module that exports none", async () => {
    const files = {
      'package.json': '{}',
      'node_modules/thing-serializer/package.json': '{ "name": "thing-serializer", "main": "index.js" }',
      'node_modules/thing-serializer/index.js': "module.exports = { test: (v) => v && v.kind === 'thing', serialize: (v) => `<thing ${v.id}>` };",
      'not-one.js': 'module.exports = { nope: 1 };',
      'jest.config.js': "module.exports = { snapshotSerializers: ['thing-serializer'] };",
      'thing.test.js': "test('prints a thing', () => { expect({ kind: 'thing', id: 3 }).toMatchInlineSnapshot(`<thing 3>`); });",
    };
    await inProject(files, async (dir) => {
      const good = await runCli(['-n', '1'], { cwd: dir });
      expect(good.report?.summary).toMatchObject({ passed: 1, failed: 0, errors: 0 });
      writeFileSync(join(dir, 'jest.config.js'), "module.exports = { snapshotSerializers: ['thing-serializer', '<rootDir>/not-one.js'] };");
      const bad = await runCli(['-n', '1'], { cwd: dir });
      expect(bad.code).toBe(1);
      expect(bad.report?.errors.map((e) => e.message)).toEqual(['snapshotSerializers: not-one.js exports no serializer (a test() function and a serialize() or print() function)']);
    });
  });

  it("writes a Jest file's new inline snapshots into the file as Jest 30 does (also after .resolves and from a custom matcher), and -u rewrites a changed one", async () => {
    const head = [
      "const { toMatchInlineSnapshot } = require('jest-snapshot');",
      'expect.extend({',
      '  toMatchTrimmedInlineSnapshot(received, ...rest) {',
      '    return toMatchInlineSnapshot.call(this, received.trim(), ...rest);',
      '  },',
      '});',
    ];
    const files = {
      'package.json': '{}',
      'jest.config.js': 'module.exports = {};',
      'inline.test.js': [
        ...head,
        "test('an object', () => {",
        '  expect({ a: 1 }).toMatchInlineSnapshot();',
        '});',
        "test('an error', () => {",
        "  expect(() => { throw new Error('nope'); }).toThrowErrorMatchingInlineSnapshot();",
        '});',
        "test('a promise', async () => {",
        "  await expect(Promise.resolve('done')).resolves.toMatchInlineSnapshot();",
        '});',
        "test('a custom matcher', () => {",
        "  expect('  trimmed  ').toMatchTrimmedInlineSnapshot();",
        '});',
        '',
      ].join('\n'),
    };
    // what Jest 30.5.2 wrote for this file
    const written = [
      ...head,
      "test('an object', () => {",
      '  expect({ a: 1 }).toMatchInlineSnapshot(`',
      '{',
      '  "a": 1,',
      '}',
      '`);',
      '});',
      "test('an error', () => {",
      // (jest-snapshot prints the call's statement again without prettier, spacing and all)
      "  expect(() => {throw new Error('nope');}).toThrowErrorMatchingInlineSnapshot(`\"nope\"`);",
      '});',
      "test('a promise', async () => {",
      "  await expect(Promise.resolve('done')).resolves.toMatchInlineSnapshot(`\"done\"`);",
      '});',
      "test('a custom matcher', () => {",
      "  expect('  trimmed  ').toMatchTrimmedInlineSnapshot(`\"trimmed\"`);",
      '});',
      '',
    ].join('\n');
    await inProject(files, async (dir) => {
      // the custom matcher's jest-snapshot, installed as the suite's (ptest's own)
      mkdirSync(join(dir, 'node_modules'));
      symlinkSync(join(import.meta.dirname, '..', '..', 'node_modules', 'jest-snapshot'), join(dir, 'node_modules', 'jest-snapshot'));
      const first = await runCli(['-n', '1'], { cwd: dir, env: { CI: undefined } });
      expect(first.report?.summary).toMatchObject({ passed: 4, failed: 0, errors: 0 });
      expect(readFileSync(join(dir, 'inline.test.js'), 'utf8')).toBe(written);
      writeFileSync(join(dir, 'inline.test.js'), written.replace('{ a: 1 }', '{ a: 2 }'));
      const changed = await runCli(['-n', '1'], { cwd: dir });
      expect(changed.report?.summary).toMatchObject({ passed: 3, failed: 1 });
      const updated = await runCli(['-n', '1', '-u'], { cwd: dir });
      expect(updated.report?.summary).toMatchObject({ passed: 4, failed: 0 });
      expect(readFileSync(join(dir, 'inline.test.js'), 'utf8')).toBe(written.replace('{ a: 1 }', '{ a: 2 }').replace('"a": 1', '"a": 2'));
    });
  });

  it("fakeTimers.enableGlobally in a Jest config starts every file with fake timers at the configured time (checked under Jest 30)", async () => {
    const files = {
      'package.json': '{}',
      'jest.config.js': 'module.exports = { fakeTimers: { enableGlobally: true, now: 1000 } };',
      'global.test.js': [
        "test('fake from the start', () => {",
        '  let fired = false;',
        '  setTimeout(() => (fired = true), 5000);',
        '  expect(Date.now()).toBe(1000);',
        '  jest.advanceTimersByTime(5000);',
        '  expect(fired).toBe(true);',
        '});',
        "test('real ones on request', async () => {",
        '  jest.useRealTimers();',
        '  await new Promise((resolve) => setTimeout(resolve, 5));',
        '  expect(Date.now()).toBeGreaterThan(1_000_000);',
        '});',
      ].join('\n'),
    };
    await inProject(files, async (dir) => {
      const { report, code } = await runCli(['-n', '1'], { cwd: dir });
      expect(report?.summary).toMatchObject({ passed: 2, failed: 0 });
      expect(code).toBe(0);
    });
  });

  it("jest.retryTimes retries a block's failed tests after its other tests, as Jest 30 does: one that passes in the end is flaky; the next file on the worker gets none", async () => {
    const files = {
      'package.json': '{}',
      'jest.config.js': 'module.exports = {};',
      // the order 'abcaabb|d' is what Jest 30.5 runs this file in (its last test passes under Jest)
      'a-retried.test.js': [
        'jest.retryTimes(2);',
        'const order = [];',
        'let calls = 0;',
        "describe('block', () => {",
        "  test('passes on its third attempt', () => { order.push('a'); calls++; expect(calls).toBe(3); });",
        "  test('never passes', () => { order.push('b'); expect(1).toBe(2); });",
        "  test('passes', () => { order.push('c'); });",
        "  afterAll(() => { order.push('|'); });",
        '});',
        "test('after the block', () => { order.push('d'); expect(order.join('')).toBe('abcaabb|d'); });",
      ].join('\n'),
      'b-plain.test.js': "test('fails once', () => { expect(1).toBe(2); });",
    };
    await inProject(files, async (dir) => {
      const { report } = await runCli(['-n', '1'], { cwd: dir });
      expect(testById(report, 'a-retried.test.js > after the block').status).toBe('passed');
      expect(report?.summary).toMatchObject({ passed: 2, flaky: 1, failed: 2 });
      expect(testById(report, 'a-retried.test.js > block > passes on its third attempt').attempts.map((a) => a.status)).toEqual(['failed', 'failed', 'passed']);
      expect(testById(report, 'a-retried.test.js > block > never passes').attempts).toHaveLength(3);
      expect(testById(report, 'b-plain.test.js > fails once').attempts).toHaveLength(1);
    });
  });
});
