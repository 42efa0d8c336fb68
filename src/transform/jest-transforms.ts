import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import type { FileTransform } from '../model/compat.js';
import { NOT_CODE_EXTENSIONS, endingIn } from './file-kinds.js';

/**
 * The files a Jest transform of the suite's own may take: those esbuild has no loader for, or
 * loads only as a stylesheet (images, fonts, stylesheets, markup, GraphQL). TypeScript and
 * JavaScript stay esbuild's, whatever transform a suite names for them.
 */
const TAKEN = endingIn(NOT_CODE_EXTENSIONS, 'i');

/** Jest's transformer shape: an object with `process` (or `processAsync`), or a factory of one */
interface Transformer {
  process?: (source: string, path: string, ...options: unknown[]) => string | { code: string };
  processAsync?: (source: string, path: string, ...options: unknown[]) => Promise<string | { code: string }>;
  createTransformer?: (options?: unknown) => Transformer | Promise<Transformer>;
}

/**
 * Runs the suite's Jest transforms that are not compilers (Create React App's file and CSS stubs,
 * jest-transform-stub, a GraphQL loader) on the files they match, as Jest would: the first pattern
 * that matches the path takes the file, and a compiler's pattern leaves it to the plugins after
 * this one. The transformer's code (CommonJS, as Jest's are) becomes the module. `watched`
 * collects the transformers, whose change must rebuild the bundle.
 */
export function jestTransformsPlugin(transforms: readonly FileTransform[], root: string, watched: Set<string>): Plugin {
  const transformOf = jestTransformOf(transforms);
  const loaded = new Map<string, Promise<Transformer>>();
  return {
    name: 'ptest-jest-transforms',
    setup(build) {
      build.onLoad({ filter: TAKEN }, async ({ path }) => {
        const transform = transformOf(path);
        if (transform?.transformer === undefined) return undefined;
        watched.add(transform.transformer);
        let transformer = loaded.get(transform.transformer);
        if (!transformer) loaded.set(transform.transformer, (transformer = loadTransformer(transform.transformer, transform.options)));
        const code = await run(await transformer, await readFile(path, 'utf8'), path, root, transform.options);
        return { contents: code, loader: 'js', resolveDir: dirname(path) };
      });
    },
  };
}

/** the transform that takes a file, as Jest picks it: the first whose pattern matches (a compiler's has no transformer) */
export function jestTransformOf(transforms: readonly FileTransform[]): (path: string) => FileTransform | undefined {
  const matchers = transforms.map((t) => ({ transform: t, regexp: new RegExp(t.pattern) }));
  return (path) => matchers.find((m) => m.regexp.test(path))?.transform;
}

/**
 * The transform's code for a file that Node's `require` loads (a package's own stylesheet:
 * worker/required-assets.ts), synchronously, as `require` is: a transformer that is an ES module,
 * or only asynchronous, cannot serve there.
 */
export function transformSyncWith(file: string, options: unknown, path: string, root: string): string {
  const module = transformerIn(createRequire(file)(file));
  const transformer = module.createTransformer ? module.createTransformer(options) : module;
  if (transformer instanceof Promise || !transformer.process) throw new Error(`${path}: the Jest transform ${file} has no synchronous process, which a package's require needs`);
  return codeOf(transformer.process(readFileSync(path, 'utf8'), path, ...optionsPair(root, options)));
}

async function loadTransformer(file: string, options: unknown): Promise<Transformer> {
  let exported: unknown;
  try {
    exported = createRequire(file)(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw error;
    exported = await import(pathToFileURL(file).href);
  }
  const transformer = transformerIn(exported);
  return transformer.createTransformer ? await transformer.createTransformer(options) : transformer;
}

/** the transformer a module exports, itself or as its default export */
function transformerIn(exported: unknown): Transformer {
  const module = exported as { default?: Transformer } & Transformer;
  return module.process || module.processAsync || module.createTransformer ? module : (module.default ?? module);
}

/** Jest 26's transformers return the code; later ones `{ code }` */
const codeOf = (result: string | { code: string }): string => (typeof result === 'string' ? result : result.code);

/** Jest 27+ passes `(source, path, options)` with the config in `options.config`; Jest 26 `(source, path, config, options)`: one object serves both */
async function run(transformer: Transformer, source: string, path: string, root: string, options: unknown): Promise<string> {
  const pair = optionsPair(root, options);
  const result = transformer.process ? transformer.process(source, path, ...pair) : await transformer.processAsync?.(source, path, ...pair);
  if (result === undefined) throw new Error(`${path}: the Jest transform has neither process nor processAsync`);
  return codeOf(result);
}

function optionsPair(root: string, options: unknown): [unknown, unknown] {
  const config = { rootDir: root, cwd: root, name: 'ptest', moduleFileExtensions: ['js', 'mjs', 'cjs', 'jsx', 'ts', 'tsx', 'json', 'node'] };
  const transformOptions = {
    ...config,
    config,
    configString: JSON.stringify(config),
    transformerConfig: options ?? {},
    instrument: false,
    cacheFS: new Map<string, string>(),
    supportsDynamicImport: true,
    supportsStaticESM: false,
    supportsExportNamespaceFrom: false,
    supportsTopLevelAwait: false,
  };
  return [transformOptions, transformOptions];
}

