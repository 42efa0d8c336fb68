import { readFileSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { ES_MODULE_SYNTAX } from '../io/module-syntax.js';
import { nearestFile } from './nearest-file.js';

/**
 * How a test file's `import` meets a CommonJS package, as under Jest (babel-jest, ts-jest) and
 * Vitest rather than as under Node's ESM loader:
 * - named imports are read off `module.exports` when used, so exports Node's static scan cannot
 *   see (lodash's, joi's) are there;
 * - the default import of a package compiled from ESM (`__esModule`) is its `exports.default`
 *   (under Vitest, the package itself when it has no `default`);
 * - `import * as ns` of such a package is its `module.exports` itself, so `jest.spyOn(ns, 'f')`
 *   replaces what every importer calls; of any other, a live view whose entries a spy or an
 *   assignment may replace (esbuild's view cannot be changed), one per module for every importer
 *   of the bundle, as Babel caches its own and as Vitest's importers share one module: a spy on a
 *   mocked module's namespace reaches the code under test.
 * The import becomes a small CommonJS module requiring the package (shared, loaded once per
 * worker as before), and esbuild's own helper for importing CommonJS is replaced by one with these
 * rules: esbuild would give `default` the whole `module.exports` in packages of `"type": "module"`.
 */
export const CJS_NAMESPACE = 'ptest-cjs';

// for the worker's lifetime: packages do not change under a run
const manifests = new Map<string, string | undefined>();
const typeOfManifest = new Map<string, string>();

/** Node's rule: .cjs, .json and .node are CommonJS; a .js file is, unless its package.json says "type": "module" */
export function loadsAsCommonJs(file: string): boolean {
  const ext = extname(file);
  if (ext === '.cjs' || ext === '.json' || ext === '.node') return true;
  if (ext !== '.js' && ext !== '') return false;
  return packageTypeOf(dirname(file)) !== 'module';
}

/** where a package's CommonJS file that its package.json calls a module is bundled as CommonJS */
export const CJS_FILE_NAMESPACE = 'ptest-cjs-file';

/**
 * A .js file of a `"type": "module"` package that is CommonJS code all the same (no import or
 * export statement; console-testing-library ships such files). Jest loads it as CommonJS, which it
 * is; esbuild would take it for a module, where its `exports` is not defined.
 */
export function isCommonJsUnderModuleLabel(file: string): boolean {
  if (extname(file) !== '.js' || loadsAsCommonJs(file)) return false;
  try {
    return !ES_MODULE_SYNTAX.test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}

function packageTypeOf(dir: string): string | undefined {
  const manifest = nearestFile(dir, 'package.json', manifests);
  if (manifest === undefined) return undefined;
  if (!typeOfManifest.has(manifest)) {
    let type: string;
    try {
      type = (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: string }).type ?? 'commonjs';
    } catch {
      type = 'commonjs';
    }
    typeOfManifest.set(manifest, type);
  }
  return typeOfManifest.get(manifest);
}

/** the stand-in module for an import of `file`: esbuild wraps it as CommonJS, and its require stays external */
export function cjsStandIn(file: string): string {
  return `module.exports = require(${JSON.stringify(file)});`;
}

/** esbuild's helper, as esbuild 0.28 writes it: from its first line to the `));` that closes it (its parameters renamed when the bundle has a `mod` or `target` of its own) */
const ESBUILD_TO_ESM = /^var __toESM = \((\w+), (\w+), (\w+)\) => [\s\S]*?\n\)\);\n/m;

const PTEST_TO_ESM = `var __toESM = (mod) => { if (mod != null && mod.__esModule) return mod; const shared = mod != null && (typeof mod === "object" || typeof mod === "function"); if (shared && __views.has(mod)) return __views.get(mod); const ns = { default: mod };
  if (shared) { __views.set(mod, ns); for (const key of Object.getOwnPropertyNames(mod)) if (key !== "default") Object.defineProperty(ns, key, { get: () => mod[key],
    set: (value) => Object.defineProperty(ns, key, { value, writable: true, enumerable: true, configurable: true }), enumerable: Object.getOwnPropertyDescriptor(mod, key).enumerable, configurable: true }); }
  return ns; }, __views = new WeakMap();`;

/**
 * Vitest's rule (its interopDefault over Node's import of CommonJS): a module flagged `__esModule`
 * with no `default` of its own is its own default, and stays the namespace, so a spy on it reaches
 * `module.exports`; otherwise as Babel.
 */
const VITEST_TO_ESM = PTEST_TO_ESM.replace(
  'if (mod != null && mod.__esModule) return mod;',
  'if (mod != null && mod.__esModule) return "default" in mod ? mod : __views.get(mod) ?? __views.set(mod, new Proxy(mod, { get: (t, k) => (k === "default" ? t : Reflect.get(t, k)), has: (t, k) => k === "default" || Reflect.has(t, k) })).get(mod);',
);

/**
 * TypeScript's CommonJS output without `esModuleInterop` (ts-jest's default): an import of a
 * CommonJS module is `require()`'s value itself, its default import that value's `.default`.
 */
const TYPESCRIPT_TO_ESM = 'var __toESM = (mod) => mod;';

/** how an import reads a CommonJS module: Babel's rules (ptest's own), Vitest's, or TypeScript's without esModuleInterop */
export type ImportInterop = 'babel' | 'vitest' | 'typescript';

/** the bundle with ptest's import rules for CommonJS, on as many lines as before (the source map counts them) */
export function withCommonJsInterop(code: string, interop: ImportInterop): string {
  if (!code.includes('__toESM(')) return code;
  const helper = ESBUILD_TO_ESM.exec(code)?.[0];
  if (helper === undefined) throw new Error("ptest cannot find esbuild's __toESM helper in a bundle: this esbuild version is not supported");
  const ours = interop === 'typescript' ? TYPESCRIPT_TO_ESM : interop === 'vitest' ? VITEST_TO_ESM : PTEST_TO_ESM;
  const lines = helper.split('\n').length - ours.split('\n').length;
  if (lines < 0) throw new Error("ptest's __toESM helper is longer than esbuild's: the source map would shift");
  return code.replace(helper, `${ours}${'\n'.repeat(lines)}`);
}
