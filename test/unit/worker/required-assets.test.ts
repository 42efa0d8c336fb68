import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project } from '../transform/project.js';
import { routeRequiredAssets } from '../../../src/worker/required-assets.js';

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
