import type { Plugin, PluginBuild, ResolveOptions, ResolveResult } from 'esbuild';

/**
 * esbuild's `build.resolve`, asked once for each specifier, directory, kind and caller: per build,
 * or, with `sharedResolutions`, across the builds of one run (the coordinator bundling a suite
 * ahead of its workers, whose files ask the same questions from the same directories). Each call
 * makes esbuild a new resolver that reads again every directory it walks (esbuild #3795): a test
 * file that pulls in a few hundred local modules paid seconds per bundle for it. ptest's plugins
 * ignore the importer of their own calls, so the answer depends on these alone.
 */
export type Resolutions = Map<string, Promise<ResolveResult>>;

/** each build's answers, by its options object (one per build, shared by its plugins) */
const perBuild = new WeakMap<object, Resolutions>();

export function resolveOnce(build: PluginBuild, path: string, options: ResolveOptions & { pluginData: symbol }): Promise<ResolveResult> {
  let answers = perBuild.get(build.initialOptions);
  if (!answers) perBuild.set(build.initialOptions, (answers = new Map()));
  const { conditions, platform, mainFields } = build.initialOptions;
  const key = JSON.stringify([conditions, platform, mainFields, options.pluginData.description, options.kind, options.resolveDir, path]);
  let answer = answers.get(key);
  if (!answer) answers.set(key, (answer = build.resolve(path, options)));
  return answer;
}

/** First among a build's plugins: the build shares `answers` with the other builds given them (the files must not change meanwhile). */
export function sharedResolutions(answers: Resolutions): Plugin {
  return { name: 'ptest-shared-resolutions', setup: (build) => void perBuild.set(build.initialOptions, answers) };
}
