import type { PluginBuild, ResolveOptions, ResolveResult } from 'esbuild';

/**
 * esbuild's `build.resolve`, asked once per build for each specifier, directory, kind and caller.
 * Each call makes esbuild a new resolver that reads again every directory it walks (esbuild
 * #3795): a test file that pulls in a few hundred local modules paid seconds per bundle for it.
 * ptest's plugins ignore the importer of their own calls, so the answer depends on these alone.
 */
const caches = new WeakMap<object, Map<string, Promise<ResolveResult>>>();

export function resolveOnce(build: PluginBuild, path: string, options: ResolveOptions & { pluginData: symbol }): Promise<ResolveResult> {
  // one object per build, shared by its plugins
  let cache = caches.get(build.initialOptions);
  if (!cache) caches.set(build.initialOptions, (cache = new Map()));
  const key = `${options.pluginData.description}\0${options.kind}\0${options.resolveDir}\0${path}`;
  let result = cache.get(key);
  if (!result) cache.set(key, (result = build.resolve(path, options)));
  return result;
}
