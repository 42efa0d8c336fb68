import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listPackageMocks } from '../../../src/config/package-mocks.js';

describe('listPackageMocks', () => {
  it("names each file's package as Jest does: its path in the folder without the extension; Node's built-ins left out", () => {
    const dir = mkdtempSync(join(tmpdir(), 'ptest-mocks-'));
    for (const file of ['axios.js', '@scope/pkg.ts', 'lodash/fp.cjs', 'fs.js', 'node:path.js', 'README.md']) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), '');
    }
    expect(listPackageMocks(dir)).toEqual([
      { specifier: '@scope/pkg', file: join(dir, '@scope/pkg.ts') },
      { specifier: 'axios', file: join(dir, 'axios.js') },
      { specifier: 'lodash/fp', file: join(dir, 'lodash/fp.cjs') },
    ]);
  });

  it('finds none where there is no folder', () => {
    expect(listPackageMocks(join(tmpdir(), 'ptest-no-such-folder'))).toEqual([]);
  });
});
