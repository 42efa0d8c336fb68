import { dirname, join, sep } from 'node:path';
import { firstFile, readJson } from './package-files.js';

/**
 * A package file found the way Node found them before package.json `exports` (and Jest 27 still
 * does, ignoring `exports`): `main` for the package itself, the path inside the package for a
 * subpath. For a package whose `exports` Node and esbuild reject (console-testing-library's
 * targets lack their leading `./`), which Jest ≤27 suites import all the same. Undefined when no
 * such file exists.
 */
export function legacyPackageFile(specifier: string, fromDir: string): string | undefined {
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const subpath = parts.slice(nameLength).join('/');
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const packageDir = join(dir, 'node_modules', name);
    const manifest = readJson(join(packageDir, 'package.json'));
    if (manifest) return fileOf(join(packageDir, subpath || (typeof manifest.main === 'string' ? manifest.main : 'index.js')));
    if (dirname(dir) === dir) return undefined;
  }
}

/** Node's CommonJS extension and directory rules */
function fileOf(path: string): string | undefined {
  return firstFile(path, ['', '.js', '.json', `${sep}index.js`]);
}
