import { readdirSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { extname, join } from 'node:path';
import type { PackageMock } from '../model/compat.js';

const MOCK_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);

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
    if (!MOCK_EXTENSIONS.has(ext) || entry.split(/[\\/]/).includes('node_modules')) continue;
    const specifier = entry.slice(0, -ext.length).split('\\').join('/');
    if (isBuiltin(specifier) || mocks.some((m) => m.specifier === specifier)) continue;
    mocks.push({ specifier, file: join(dir, entry) });
  }
  return mocks;
}
