/**
 * `import()` of a file or package named at run time, for ptest's own code. A worker thread runs
 * ptest compiled from V8's code cache (worker/cached-load.ts), and in Node 20 a function restored
 * from that cache has lost what its own `import()` needs ("A dynamic import callback was not
 * specified"); so the thread's entry module, an ES module compiled as usual, lends its `import()`.
 */
type Importer = (specifier: string) => Promise<unknown>;

const LENT = Symbol.for('ptest.dynamic-import');

export function dynamicImport<T = Record<string, unknown>>(specifier: string): Promise<T> {
  const lent = (globalThis as Record<symbol, Importer | undefined>)[LENT];
  return (lent ? lent(specifier) : import(specifier)) as Promise<T>;
}

/** by the thread's entry module, before it loads the cached runtime */
export function lendDynamicImport(importer: Importer): void {
  (globalThis as Record<symbol, Importer | undefined>)[LENT] = importer;
}
