import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { retryModuleSyntaxAsCommonJs } from '../../../src/worker/module-syntax-retry.js';

describe('an ES module file in a package that says no "type", once Module.wrap is assigned', () => {
  it('is compiled to CommonJS and loads, where Node would throw its SyntaxError; CommonJS with a real syntax error still throws', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ptest-esm-in-cjs-'));
    mkdirSync(join(dir, 'node_modules/tokens/dist/esm'), { recursive: true });
    writeFileSync(join(dir, 'node_modules/tokens/package.json'), '{ "name": "tokens", "main": "dist/esm/index.js" }');
    writeFileSync(join(dir, 'node_modules/tokens/dist/esm/index.js'), "export const color = { name: 'red' };\nexport default 'tokens';\n");
    writeFileSync(join(dir, 'broken.js'), 'module.exports = {;\n');
    const require = createRequire(join(dir, 'index.js'));
    Module.wrap = Module.wrap;
    expect(() => require('tokens')).toThrow(SyntaxError);
    retryModuleSyntaxAsCommonJs();
    const tokens = require('tokens') as { color: { name: string }; default: string };
    expect([tokens.color.name, tokens.default]).toEqual(['red', 'tokens']);
    expect(() => require('./broken.js')).toThrow(SyntaxError);
  });
});
