import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routeRequiredAssets } from '../../../src/worker/required-assets.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ptest-required-assets-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe("a stylesheet or image a package requires itself", () => {
  it("gets the module the suite's moduleNameMapper names, or its Jest transform's code, or Node's own error without either", () => {
    const dir = project({
      'node_modules/styles/index.js': "exports.button = require('./button.css');\nexports.icon = require('./icon.svg');",
      'node_modules/styles/button.css': '.button { color: red; }',
      'node_modules/styles/icon.svg': '<svg/>',
      'node_modules/plain/index.js': "module.exports = require('./theme.less');",
      'node_modules/plain/theme.less': '@x: 1;',
      'styleMock.js': 'module.exports = { mocked: true };',
      'file.js': "module.exports = { process: (src, file) => ({ code: 'module.exports = ' + JSON.stringify(require('path').basename(file)) }) };",
    });
    routeRequiredAssets(dir, {
      alias: [{ pattern: '^[\\s\\S]*?(?:\\.css$)[\\s\\S]*$', replacement: join(dir, 'styleMock.js') }],
      fileTransforms: [{ pattern: '\\.svg$', transformer: join(dir, 'file.js') }],
    });
    const require = createRequire(join(dir, 'index.js'));
    expect(require('styles')).toEqual({ button: { mocked: true }, icon: 'icon.svg' });
    expect(() => require('plain')).toThrow(SyntaxError);
  });
});
