import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPAT } from '../../../src/model/compat.js';
import type { RunSettings } from '../../../src/model/protocol.js';
import { prebundlerFor } from '../../../src/run/prebundle.js';
import { bundleFile, testBundleOptions } from '../../../src/transform/bundle-file.js';
import { options, project } from '../transform/project.js';

// (the docblock is built, so that this file names no environment itself)
const jsdomDocblock = `/**\n * @${'jest'}-environment jsdom\n */\n`;

describe('the prebundler, for files whose environments resolve with different conditions', () => {
  it("builds each file with its environment's conditions, under the key its worker then finds", async () => {
    const dir = project({
      'node_modules/split/package.json': JSON.stringify({ name: 'split', exports: { browser: './browser.js', default: './node.js' } }),
      'node_modules/split/browser.js': "module.exports = 'browser';",
      'node_modules/split/node.js': "module.exports = 'node';",
      'dom.test.js': `${jsdomDocblock}require('split');`,
      'server.test.js': "require('split');",
    });
    const compat = { ...DEFAULT_COMPAT, environmentConditions: { jsdom: ['browser'] } };
    const settings = { root: dir, cacheDir: options(dir).cacheDir, compat } as unknown as RunSettings;
    const prebundler = prebundlerFor(['dom.test.js', 'server.test.js'], settings, options(dir).runtimeEntry, 2);
    await Promise.all([prebundler.ready('dom.test.js'), prebundler.ready('server.test.js')]);
    await prebundler.stop();
    const built = new Set(readdirSync(settings.cacheDir, { recursive: true }).map(String).filter((f) => f.endsWith('.mjs')));
    expect(built.size).toBe(2);
    for (const [file, build] of [['dom.test.js', 'browser.js'], ['server.test.js', 'node.js']] as const) {
      const path = join(dir, file);
      const bundle = await bundleFile(path, testBundleOptions(settings, options(dir).runtimeEntry, path));
      expect(built.has(bundle.slice(settings.cacheDir.length + 1))).toBe(true);
      expect(readFileSync(bundle, 'utf8')).toContain(`node_modules/split/${build}`);
    }
  });
});
