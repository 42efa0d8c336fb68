import { isBuiltin } from 'node:module';
import { dirname, isAbsolute, parse } from 'node:path';
import type { Plugin, PluginBuild, ResolveOptions, ResolveResult } from 'esbuild';
import { nearestFile } from './nearest-file.js';
import { packageResolver, type PackageResolver } from './package-resolver.js';

/**
 * A resolution asked once for each specifier, directory, kind and caller: per build,
 * or, with `sharedResolutions`, across the builds of one run (the coordinator bundling a suite
 * ahead of its workers, whose files ask the same questions from the same directories). Each call
 * makes esbuild a new resolver that reads again every directory it walks (esbuild #3795): a test
 * file that pulls in a few hundred local modules paid seconds per bundle for it. ptest's plugins
 * ignore the importer of their own calls, so the answer depends on these alone. A package name is
 * first looked up in JS, with a directory cache kept for as long as the answers (package-resolver.ts).
 */
export type Resolutions = Map<string, Promise<ResolveResult>>;

/** each build's answers, by its options object (one per build, shared by its plugins) */
const perBuild = new WeakMap<object, Resolutions>();
/** per set of answers: the nearest file above a directory that changes how a package name resolves from it */
const lookupFiles = new WeakMap<Resolutions, Map<string, string | undefined>>();
/** per set of answers: a package resolver for each build settings that change how a package resolves */
const packageResolvers = new WeakMap<Resolutions, Map<string, PackageResolver>>();

export function resolveOnce(build: PluginBuild, path: string, options: ResolveOptions & { pluginData: symbol }): Promise<ResolveResult> {
  let answers = perBuild.get(build.initialOptions);
  if (!answers) perBuild.set(build.initialOptions, (answers = new Map()));
  const asked = isBare(path) && options.resolveDir ? { ...options, resolveDir: lookupDir(options.resolveDir, answers) } : options;
  const { conditions, platform, mainFields } = build.initialOptions;
  const settings = JSON.stringify([conditions, platform, mainFields]);
  const key = JSON.stringify([settings, options.pluginData.description, options.kind, asked.resolveDir, path]);
  let answer = answers.get(key);
  if (!answer) answers.set(key, (answer = resolveAnswer(build, path, asked, packageResolverOf(answers, settings, build))));
  return answer;
}

async function resolveAnswer(build: PluginBuild, path: string, options: ResolveOptions, packages: PackageResolver): Promise<ResolveResult> {
  // esbuild's neutral platform (a file resolving with its environment's conditions) knows no built-in module: Node's answer, as on the node platform
  if (build.initialOptions.platform === 'neutral' && isBuiltin(path)) return { ...ANSWER, path, external: true, sideEffects: false, namespace: '' };
  const file = isBare(path) && options.resolveDir && options.kind ? await packages(path, options.resolveDir, options.kind) : undefined;
  if (file === undefined) return build.resolve(path, options);
  return { ...ANSWER, path: file };
}

const ANSWER: ResolveResult = { path: '', namespace: 'file', external: false, sideEffects: true, suffix: '', pluginData: undefined, errors: [], warnings: [] };

function packageResolverOf(answers: Resolutions, settings: string, build: PluginBuild): PackageResolver {
  let resolvers = packageResolvers.get(answers);
  if (!resolvers) packageResolvers.set(answers, (resolvers = new Map()));
  let resolver = resolvers.get(settings);
  if (!resolver) resolvers.set(settings, (resolver = packageResolver(build.initialOptions)));
  return resolver;
}

/** First among a build's plugins: the build shares `answers` with the other builds given them (the files must not change meanwhile). */
export function sharedResolutions(answers: Resolutions): Plugin {
  return { name: 'ptest-shared-resolutions', setup: (build) => void perBuild.set(build.initialOptions, answers) };
}

/** a package name (or a tsconfig path), neither relative nor absolute */
export function isBare(specifier: string): boolean {
  return !specifier.startsWith('.') && !isAbsolute(specifier);
}

/**
 * A package name resolves alike from a directory and from its parents up to the first that holds
 * a node_modules folder, a package.json (self-references, `imports`) or a tsconfig/jsconfig
 * (`paths`, `baseUrl`): nothing else on the way up is read. Asking from that directory, a package
 * imported from 30 folders of a library's source is resolved once, not 30 times (a quarter of
 * Tiptap's first build).
 */
const LOOKUP_FILES = ['node_modules', 'package.json', 'tsconfig.json', 'jsconfig.json'];

function lookupDir(dir: string, answers: Resolutions): string {
  let memo = lookupFiles.get(answers);
  if (!memo) lookupFiles.set(answers, (memo = new Map()));
  const file = nearestFile(dir, LOOKUP_FILES, memo);
  return file === undefined ? parse(dir).root : dirname(file);
}
