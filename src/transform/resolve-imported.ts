import type { PluginBuild, ResolveOptions, ResolveResult } from 'esbuild';
import { isBare, resolveOnce } from './resolve-once.js';

/**
 * The file a package imported by the suite's files resolves to. Jest resolves every import as a
 * require (Babel made it one before Jest's resolver sees it), so with `requireFirst` (a Jest suite)
 * a package's CommonJS entry is taken, and its import entry only when it has none. Every plugin
 * that resolves an import asks here, so that the import, a mock of it and the mock's original name
 * one file: a mock resolved to the ES module build loaded that build's whole graph (react-dom
 * with it) through Node's ES module loader, which keeps it for the worker, beside the CommonJS
 * instances the rest of the suite had.
 */
export async function resolveImported(build: PluginBuild, path: string, options: ResolveOptions & { pluginData: symbol }, requireFirst: boolean): Promise<ResolveResult> {
  const imported = options.kind === 'import-statement' || options.kind === 'dynamic-import';
  if (requireFirst && imported && isBare(path)) {
    const asRequire = await resolveOnce(build, path, { ...options, kind: 'require-call' });
    if (asRequire.errors.length === 0) return asRequire;
  }
  return resolveOnce(build, path, options);
}
