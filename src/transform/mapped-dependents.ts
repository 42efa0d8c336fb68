import { dirname, isAbsolute } from 'node:path';
import { declaredDependencies, isPackageFile, packageOf } from './package-files.js';

/**
 * A package that loads a name the suite's aliases map to its own source: react-admin's Jest config
 * maps `^ra-core(.*)$` to `<rootDir>/src$1`, and ra-ui-materialui requires `ra-core`. Jest maps the
 * package's require too, so the tests and the package share one ra-core, the suite's source. Node
 * would load the installed ra-core beside it: a second copy, with React contexts of its own, which
 * the package's components then read empty. Such a package is bundled with the test file instead,
 * where its require meets the alias. Told by what its package.json declares, as a package that
 * requires another declares it.
 */
export function loadsMappedSource(file: string, rewrite: (specifier: string) => string | undefined): boolean {
  const names = dependenciesOf(file);
  return names.some((name) => {
    const mapped = rewrite(name);
    return mapped !== undefined && isAbsolute(mapped) && !isPackageFile(mapped);
  });
}

/** package files do not change during a run: the manifest above each folder is read once */
const declared = new Map<string, string[]>();

function dependenciesOf(file: string): string[] {
  const dir = dirname(file);
  let names = declared.get(dir);
  if (!names) {
    const found = packageOf(file);
    declared.set(dir, (names = found ? declaredDependencies(found.manifest) : []));
  }
  return names;
}
