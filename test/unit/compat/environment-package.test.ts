import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { installEnvironment } from '../../../src/compat/environment.js';

/** Where the DOM package of a suite is found: Jest 27 installs its jsdom inside jest-environment-jsdom. */
const CHECKOUT = join(import.meta.dirname, '..', '..', '..');
const root = mkdtempSync(join(tmpdir(), 'ptest-env-nested-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it("takes jsdom from inside jest-environment-jsdom when the project has none of its own, as Jest's environment does", async () => {
  const environment = join(root, 'node_modules', 'jest-environment-jsdom');
  mkdirSync(join(environment, 'node_modules'), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{ "name": "jest27-suite", "private": true }\n');
  writeFileSync(join(environment, 'package.json'), '{ "name": "jest-environment-jsdom", "main": "index.js" }\n');
  writeFileSync(join(environment, 'index.js'), 'module.exports = {};\n');
  symlinkSync(join(CHECKOUT, 'node_modules', 'jsdom'), join(environment, 'node_modules', 'jsdom'), 'dir');
  const teardown = await installEnvironment('jsdom', { root });
  try {
    const { document } = globalThis as unknown as { document: { createElement(tag: string): { tagName: string } } };
    expect(document.createElement('p').tagName).toBe('P');
  } finally {
    await teardown();
  }
  expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
});
