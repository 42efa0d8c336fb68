import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleFile } from '../../../src/transform/bundle-file.js';
import type { FileTransform } from '../../../src/model/compat.js';
import { edit, project, testOptions } from './project.js';

const seen = globalThis as { transformed?: unknown };

/** what a.test.ts puts in globalThis.transformed, bundled with the suite's Jest transforms */
async function transformed(dir: string, fileTransforms: FileTransform[], tag: string): Promise<unknown> {
  await import(`${pathToFileURL(await bundleFile(join(dir, 'a.test.ts'), testOptions(dir, { fileTransforms }))).href}?${tag}`);
  return seen.transformed;
}

describe("the suite's Jest transforms", () => {
  it("run on the files they match, the first matching pattern taking a file, as Jest's order has it", async () => {
    const dir = project({
      'stub.js': "module.exports = { process: (src, file) => ({ code: `module.exports = ${JSON.stringify(require('path').basename(file))};` }) };",
      'legacy.js': "module.exports = { process: (src, file, config) => 'module.exports = ' + JSON.stringify(src.trim() + '@' + (config.rootDir === undefined ? 'none' : 'root')) };",
      'factory.js': "module.exports = { createTransformer: (options) => ({ process: () => ({ code: 'module.exports = ' + JSON.stringify(options) }) }) };",
      'logo.svg': '<svg/>',
      'notes.txt': 'hello',
      'data.csv': 'a,b',
      'a.test.ts': "import logo from './logo.svg';\nimport notes from './notes.txt';\nimport data from './data.csv';\n(globalThis as any).transformed = [logo, notes, data];",
    });
    const transforms = [
      { pattern: '\\.tsx?$' },
      { pattern: '\\.txt$', transformer: join(dir, 'legacy.js') },
      { pattern: '\\.csv$', transformer: join(dir, 'factory.js'), options: { sep: ',' } },
      { pattern: '^(?!.*\\.(ts|txt)$)', transformer: join(dir, 'stub.js') },
    ];
    expect(await transformed(dir, transforms, 'order')).toEqual(['logo.svg', 'hello@root', { sep: ',' }]);
  });

  it('leave a file whose first matching pattern is a compiler to ptest, and rebuild when a transformer changes', async () => {
    const dir = project({
      'stub.js': "module.exports = { process: () => ({ code: 'module.exports = \"v1\";' }) };",
      'pic.png': 'png',
      'notes.txt': 'hello',
      'a.test.ts': "import pic from './pic.png';\nimport notes from './notes.txt';\n(globalThis as any).transformed = [pic, notes];",
    });
    const transforms = [{ pattern: '\\.png$' }, { pattern: '.', transformer: join(dir, 'stub.js') }];
    expect(await transformed(dir, transforms, 'v1')).toEqual(['/pic.png', 'v1']);
    edit(join(dir, 'stub.js'), "module.exports = { process: () => ({ code: 'module.exports = \"v2\";' }) };");
    // (as a new run's process would, this one requires the edited transformer afresh)
    delete createRequire(import.meta.url).cache[join(dir, 'stub.js')];
    expect(await transformed(dir, transforms, 'v2')).toEqual(['/pic.png', 'v2']);
  });
});
