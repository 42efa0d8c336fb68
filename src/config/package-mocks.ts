import { readdirSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { extname, join } from 'node:path';
import { MOCK_FILE_EXTENSIONS, type PackageMock } from '../model/compat.js';

/**
 * Jest's manual mocks of packages: a file in `<rootDir>/__mocks__` mocks the package named by its
 * path there (`axios.js`, `@scope/pkg.ts`, `lodash/fp.js`) in every test file, with no `jest.mock`
 * call. Node's built-in modules are left out: Jest mocks those only when a test asks.
 */
export function listPackageMocks(dir: string): PackageMock[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  const mocks: PackageMock[] = [];
  for (const entry of entries.sort()) {
    const ext = extname(entry);
    if (!MOCK_FILE_EXTENSIONS.includes(ext) || entry.split(/[\\/]/).includes('node_modules')) continue;
    const specifier = entry.slice(0, -ext.length).split('\\').join('/');
    if (isBuiltin(specifier) || mocks.some((m) => m.specifier === specifier)) continue;
    mocks.push({ specifier, file: join(dir, entry) });
  }
  return mocks;
}
