import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileConditionsOf } from '../../../src/compat/file-conditions.js';

// (the docblock is built, so that this file names no environment itself)
const docblock = (name: string) => `/**\n * @${'jest'}-environment ${name}\n */\n`;

describe("a test file's export conditions", () => {
  const root = mkdtempSync(join(tmpdir(), 'ptest-file-conditions-'));
  const file = (name: string, text: string) => {
    writeFileSync(join(root, name), text);
    return join(root, name);
  };
  const plain = file('plain.test.js', "test('x', () => {});");
  const dom = file('dom.test.js', `${docblock('jsdom')}test('x', () => {});`);
  const unknown = file('odd.test.js', `${docblock('electron')}test('x', () => {});`);
  const jest = { environment: 'node' as const, environmentConditions: { jsdom: ['browser'] } };

  it("are those of the environment it runs in: its docblock's, else the suite's; none set: Node's (undefined)", () => {
    expect(fileConditionsOf(dom, root, jest)).toEqual(['browser']);
    expect(fileConditionsOf(plain, root, jest)).toBeUndefined();
    expect(fileConditionsOf(plain, root, { ...jest, environment: 'jsdom' })).toEqual(['browser']);
    expect(fileConditionsOf(dom, root, { environment: 'node' })).toBeUndefined();
  });

  it("are its project's where the project has its own, and its project's environment's", () => {
    const projects = { ...jest, projectEnvironments: [{ include: ['plain.*'], exclude: [], environment: 'jsdom' as const, environmentConditions: { jsdom: ['development'] } }] };
    expect(fileConditionsOf(plain, root, projects)).toEqual(['development']);
    expect(fileConditionsOf(dom, root, projects)).toEqual(['browser']);
  });

  it("fall back to the suite's environment when the docblock names one ptest lacks (the worker reports that), or the file cannot be read", () => {
    expect(fileConditionsOf(unknown, root, { ...jest, environment: 'jsdom' })).toEqual(['browser']);
    expect(fileConditionsOf(join(root, 'gone.test.js'), root, { ...jest, environment: 'jsdom' })).toEqual(['browser']);
  });
});
