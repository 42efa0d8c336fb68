/**
 * A module bundled as CommonJS (spied-modules.ts) requires what it imported. An ES module package
 * cannot be required on Node 20, so such a `require` gets this bridge instead: an ES module in the
 * bundle that imports the package as Node loads it (one instance with every other importer) and
 * re-exports it. `ns.default`, not `export { default }`: a package with no default export must not
 * fail to link.
 */
export const ESM_BRIDGE_NAMESPACE = 'ptest-esm-bridge';

export function esmBridge(url: string): string {
  const from = JSON.stringify(url);
  return `import * as ns from ${from};\nexport * from ${from};\nexport default ns.default;\n`;
}
