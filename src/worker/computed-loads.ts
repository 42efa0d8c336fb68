import { existsSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { asNamespace, freshModules } from '../compat/fresh-modules.js';
import { newModule, runRegistered, type CompilableModule } from '../io/cjs-module.js';
import { moduleMocks } from '../compat/module-mocks.js';
import { perThread } from '../compat/per-thread.js';
import { TEST_API_SPECIFIERS, type JsxSettings } from '../model/compat.js';
import { THREAD_RUNTIME } from '../runtime-paths.js';
import { CannotCompile, compileModule } from '../transform/compile-module.js';
import { freshPath } from '../transform/fresh-build.js';
import { notFoundMessage } from '../transform/missing-modules.js';
import { firstFile, readJson } from '../transform/package-files.js';
import { tsconfigCandidates } from '../transform/tsconfig-paths.js';
import { mapCompiledModule } from './bundle-stacks.js';

/**
 * The thread's answer to a `require(name)` or `import(name)` whose module is known only at run
 * time (routed here by transform/computed-loads.ts, with the file that wrote it). As in Jest's
 * and Vitest's registries: a mocked module gives its mock (by path, or a package by its name);
 * `ptest`, `vitest` and `@jest/globals` give this runtime; a package is Node's, shared; a local
 * module is the instance the file's registry holds: after a reset, the CommonJS build of it that the
 * bundle made beside itself if there is one, else the module compiled here, whose own imports come
 * back here too. Without a reset, a module the bundle also holds is a second instance.
 */
const LOCAL_SUFFIXES = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json'];
const INDEX_SUFFIXES = LOCAL_SUFFIXES.slice(1).map((ext) => `${sep}index${ext}`);
const TEST_API: ReadonlySet<string> = new Set(TEST_API_SPECIFIERS);

type Alias = (specifier: string) => string | undefined;
/** `name`: the specifier after the suite's aliases */
/** `missing`: a path where nothing is, which only a virtual mock answers (`name`: as asked) */
type Target = { kind: 'builtin' | 'api'; name: string } | { kind: 'package'; name: string; path?: string } | { kind: 'local' | 'missing'; name: string; path: string };

export class ComputedLoads {
  private file: { bundle: string; alias: Alias; jsx: JsxSettings | undefined; modulePaths: readonly string[]; requirers: Map<string, CompilableModule> } | undefined;

  /** `bundle`: the test file's bundle, beside which its builds for loads after a reset lie; `alias`: the suite's aliases; `jsx`: the suite's JSX in `.js`; `modulePaths`: Jest's */
  beginFile(bundle: string, alias: Alias = () => undefined, jsx?: JsxSettings, modulePaths: readonly string[] = []): void {
    this.file = { bundle, alias, jsx, modulePaths, requirers: new Map() };
  }

  /** `bundled`: for a choice between literals, each one's load from the bundle, which holds the modules until the file resets */
  require(specifier: unknown, from: string, bundled?: Record<string, () => unknown>): unknown {
    if (typeof specifier !== 'string') return this.nodeRequire(from)(specifier as string);
    const own = bundled?.[specifier];
    if (own && !freshModules.isReset()) return own();
    const target = this.resolve(specifier, from);
    const actual = () => this.actual(from, target);
    const mocked = moduleMocks.mockedId(specifier, idOf(target));
    return mocked === undefined ? actual() : moduleMocks.load(mocked, actual);
  }

  /** `native`: the import as the bundle would have made it, for what Node should load as it is */
  async import(specifier: unknown, from: string, native: (specifier: string) => Promise<unknown>, bundled?: Record<string, () => Promise<unknown>>): Promise<unknown> {
    if (typeof specifier !== 'string') return native(specifier as string);
    const own = bundled?.[specifier];
    if (own && !freshModules.isReset()) return own();
    // a doMock factory may be async: Vitest awaits it before the import it answers
    await moduleMocks.settle();
    const target = this.resolve(specifier, from);
    const mocked = moduleMocks.mockedId(specifier, idOf(target));
    if (mocked !== undefined) return asNamespace(moduleMocks.load(mocked, () => this.actual(from, target)));
    if (target.kind === 'builtin') return native(target.name);
    // a package by its name, for its `import` condition; a file inside one by its path
    if (target.kind === 'package') return native(target.path && !isBare(target.name) ? pathToFileURL(target.path).href : target.name);
    if (target.kind !== 'local' || target.path.endsWith('.json')) return asNamespace(this.actual(from, target));
    try {
      return asNamespace(this.local(target.path));
    } catch (error) {
      // an ES module esbuild cannot make CommonJS (a top-level await): Node loads plain JavaScript as it is
      if (error instanceof CannotCompile && /\.[cm]?jsx?$/.test(target.path)) return native(pathToFileURL(target.path).href);
      throw error;
    }
  }

  private resolve(asked: string, from: string): Target {
    // Vitest's `alias` and Jest's `moduleNameMapper` apply to any name, as in the bundle
    const name = this.file?.alias(asked) ?? asked;
    if (isBuiltin(name)) return { kind: 'builtin', name };
    if (TEST_API.has(name)) return { kind: 'api', name };
    if (isBare(name)) {
      // tsconfig `paths` and `baseUrl` come before node_modules, as in the bundle
      for (const candidate of tsconfigCandidates(name, dirname(from))) {
        const path = localFile(candidate);
        if (path !== undefined && !path.includes(`${sep}node_modules${sep}`)) return { kind: 'local', name, path };
      }
      try {
        return { kind: 'package', name, path: createRequire(from).resolve(name) };
      } catch {
        // then Jest's modulePaths, as NODE_PATH comes after node_modules
        for (const dir of this.file?.modulePaths ?? []) {
          const path = localFile(join(dir, name));
          if (path !== undefined) return { kind: 'local', name, path };
        }
        // not installed, or an ES-module-only package: a mock may still answer, else Node says why
        return { kind: 'package', name };
      }
    }
    const base = name.startsWith('file:') ? fileURLToPath(name) : isAbsolute(name) ? name : resolve(dirname(from), name);
    const path = localFile(base);
    if (path === undefined) return { kind: 'missing', name: asked, path: base };
    return path.includes(`${sep}node_modules${sep}`) ? { kind: 'package', name, path } : { kind: 'local', name, path };
  }

  private actual(from: string, target: Target): unknown {
    const nodeRequire = this.nodeRequire(from);
    switch (target.kind) {
      case 'api':
        return nodeRequire(THREAD_RUNTIME);
      case 'local':
        return target.path.endsWith('.json') ? nodeRequire(target.path) : this.local(target.path);
      case 'package':
        return nodeRequire(target.path ?? target.name);
      case 'missing':
        throw notFound(target.name, from);
      default:
        return nodeRequire(target.name);
    }
  }

  /**
   * What a relative pattern's name lacks for esbuild's match of it (transform/computed-loads.ts):
   * the extension, or `/index.js`, by Node's rules, so that `require(`../lib/${name}`)` finds the
   * bundle's own instance; '' when the name is whole or names nothing (esbuild then says so).
   */
  completion(specifier: string, from: string): string {
    const base = resolve(dirname(from), specifier);
    const path = localFile(base);
    return path !== undefined && path.startsWith(base) ? path.slice(base.length).split(sep).join('/') : '';
  }

  /** Node's require from `from`, as a module of the test file's: what it loads belongs to the file (see FreshModules.owner) */
  private nodeRequire(from: string): (id: string) => unknown {
    if (!this.file) return createRequire(from);
    let requirer = this.file.requirers.get(from);
    if (!requirer) this.file.requirers.set(from, (requirer = newModule(from, freshModules.owner)));
    return (id) => requirer.require(id);
  }

  /** a local module's instance in the file's current registry */
  private local(path: string): unknown {
    const sidecar = this.file && freshPath(this.file.bundle, path);
    if (sidecar && freshModules.isReset() && existsSync(sidecar)) return freshModules.require(sidecar, () => undefined);
    const registry = freshModules.current();
    const known = registry.get(path);
    if (known) return known.exports;
    const module = newModule(path, freshModules.owner);
    // every load of its own comes back here: mocks, the registry and TypeScript apply to it too
    module.require = (id: string) => this.require(id, path);
    return runRegistered(registry, path, module, () => {
      const code = compileModule(path, this.file?.jsx);
      mapCompiledModule(path, code);
      module._compile(code, path);
    });
  }
}

/** Node's rules for a path (with TypeScript's extensions, and its `./x.js` naming x.ts), then a folder's `main` or index */
function localFile(base: string): string | undefined {
  const file = firstFile(base, LOCAL_SUFFIXES) ?? firstFile(base.replace(/\.([cm]?)js(x?)$/, '.$1ts$2'), ['']);
  if (file !== undefined) return file;
  const main = readJson(join(base, 'package.json'))?.main;
  return (typeof main === 'string' ? firstFile(join(base, main), [...LOCAL_SUFFIXES, ...INDEX_SUFFIXES]) : undefined) ?? firstFile(base, INDEX_SUFFIXES);
}

function isBare(specifier: string): boolean {
  return !specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.startsWith('file:');
}

/** the id a mock of the module is registered under: a builtin's `node:` name, else its path */
function idOf(target: Target): string | undefined {
  if (target.kind === 'builtin') return target.name.startsWith('node:') ? target.name : `node:${target.name}`;
  return 'path' in target ? target.path : undefined;
}

function notFound(specifier: string, from: string): Error {
  return Object.assign(new Error(notFoundMessage(specifier, from)), { code: 'MODULE_NOT_FOUND' });
}

export const computedLoads: ComputedLoads = perThread('loads', () => new ComputedLoads());
