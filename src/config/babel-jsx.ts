import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { JsxSettings } from '../model/compat.js';
import { readJson } from '../transform/package-files.js';
import { babel6Jsx, isBabel6, type Babel6Core } from './babel6-jsx.js';
import { isRecord } from './foreign-shared.js';

/**
 * JSX in a Jest project's `.js` files, compiled as babel-jest would: Jest runs every JS file
 * through Babel with the project's config, so a React or Preact project writes JSX in `.js` with
 * whatever runtime or pragma that config names. The config is read by the project's own
 * @babel/core (babel-jest's), which follows `env`, `extends` and JS configs as Jest's run does;
 * only the options of its JSX plugin or preset are taken. No Babel config, no @babel/core, a config
 * Babel refuses, or no JSX transform in it: undefined, and JSX in `.js` fails as it would under Jest.
 */

const CONFIG_FILES = ['babel.config.js', 'babel.config.cjs', 'babel.config.mjs', 'babel.config.json', 'babel.config.cts', '.babelrc', '.babelrc.js', '.babelrc.cjs', '.babelrc.mjs', '.babelrc.json', '.babelrc.cts'];

/** a plugin or preset as Babel's partial config lists it: the file it resolved to, and its options */
export interface BabelItem {
  resolved: string;
  options: Record<string, unknown>;
}

interface BabelCore {
  version: string;
  loadPartialConfigAsync(options: Record<string, unknown>): Promise<{ options: { plugins?: BabelConfigItem[]; presets?: BabelConfigItem[] }; files?: Set<string> } | null>;
  /** the full config, presets expanded into their plugins, each named by its `key` */
  loadOptionsAsync?(options: Record<string, unknown>): Promise<{ plugins?: { key?: string; options?: unknown }[] } | null>;
}
interface BabelConfigItem {
  options?: unknown;
  file?: { resolved: string };
}

/** Bump when what is read from a config changes, so that answers remembered by an older ptest are asked again. */
const FORMAT = 3;
/** besides the config files Babel read, what can change the answer: the manifest, and each package manager's record of an install (a preset or React added or upgraded) */
const INSTALL_RECORDS = ['package.json', 'node_modules/.package-lock.json', 'node_modules/.yarn-integrity', 'node_modules/.modules.yaml', '.pnp.cjs'];

/**
 * Babel's JSX settings for the project at `root`. Loading Babel costs about 0.2 s, so the answer is
 * remembered in `cacheDir` with every file it came from (those Babel read, `extends` included,
 * and the install records), and asked again when one of them changes. A config Babel refuses is
 * not remembered: the next run asks again.
 */
export async function babelJsx(root: string, cacheDir: string, env: NodeJS.ProcessEnv): Promise<JsxSettings | undefined> {
  const configs = [...CONFIG_FILES.map((name) => join(root, name)).filter((path) => existsSync(path)), ...packageBabel(root)];
  if (configs.length === 0) return undefined;
  const envName = env.BABEL_ENV || env.NODE_ENV || 'test';
  const head = JSON.stringify([FORMAT, envName, configs]);
  const memo = join(cacheDir, 'babel-jsx.json');
  const remembered = readJson(memo);
  if (isRecord(remembered) && remembered.head === head && Array.isArray(remembered.files) && stampsOf(remembered.files as string[]) === remembered.stamps) {
    return (remembered.jsx ?? undefined) as JsxSettings | undefined;
  }
  const read = await readBabelJsx(root, envName);
  if (read === 'refused') return undefined;
  const files = [...new Set([...configs, ...read.files, ...INSTALL_RECORDS.map((name) => join(root, name))])];
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(memo, JSON.stringify({ head, files, stamps: stampsOf(files), jsx: read.jsx ?? null }));
  } catch {
    // a cache that cannot be written (a read-only checkout) costs the next run Babel's load, nothing more
  }
  return read.jsx;
}

/** each file's mtime and size, or null while it does not exist */
function stampsOf(files: readonly string[]): string {
  return JSON.stringify(files.map((path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    return stat ? [stat.mtimeMs, stat.size] : null;
  }));
}

async function readBabelJsx(root: string, envName: string): Promise<{ jsx: JsxSettings | undefined; files: string[] } | 'refused'> {
  const babel = projectBabel(root);
  if (!babel) return { jsx: undefined, files: [] };
  const filename = join(root, '__ptest__.test.js');
  if (isBabel6(babel)) {
    const jsx = babel6Jsx(babel, filename, envName);
    return jsx === 'refused' ? jsx : { jsx, files: [] };
  }
  if (!('loadPartialConfigAsync' in babel)) return { jsx: undefined, files: [] };
  const options = { cwd: root, root, filename, envName, caller: { name: 'babel-jest', supportsStaticESM: false } };
  const partial = await babel.loadPartialConfigAsync(options).catch(() => null);
  if (!partial) return 'refused';
  const items = (list: BabelConfigItem[] | undefined): BabelItem[] =>
    (list ?? []).flatMap((item) => (item.file ? [{ resolved: item.file.resolved, options: isRecord(item.options) ? item.options : {} }] : []));
  const presets = items(partial.options.presets);
  const babelMajor = Number.parseInt(babel.version, 10);
  const named = jsxOfBabel(items(partial.options.plugins), presets, babelMajor, () => resolves(root, 'react/jsx-runtime'));
  // another preset may bring the JSX plugin itself (@wordpress/babel-preset-default): the full config has it
  const jsx = named ?? (presets.length > 0 && babel.loadOptionsAsync ? jsxOfPlugins((await babel.loadOptionsAsync(options).catch(() => null))?.plugins ?? [], babelMajor) : undefined);
  return { jsx, files: [...(partial.files ?? [])] };
}

/** the JSX settings of React's JSX plugin among a full config's plugins, presets expanded; Babel names it by its `key` */
export function jsxOfPlugins(plugins: readonly { key?: string; options?: unknown }[], babelMajor: number): JsxSettings | undefined {
  const plugin = plugins.find((p) => p.key === 'transform-react-jsx' || p.key === 'transform-react-jsx-development');
  if (!plugin) return undefined;
  const options = isRecord(plugin.options) ? plugin.options : {};
  return reactJsxSettings(options, plugin.key === 'transform-react-jsx-development' || babelMajor >= 8 ? 'automatic' : 'classic');
}

/**
 * The JSX settings the first JSX transform Babel would apply gives: a plugin before any preset,
 * and presets last to first, as Babel runs them. Defaults are each one's own: Babel 7's React
 * plugin and preset are classic, Babel 8's automatic; Create React App's preset is automatic when
 * React has a JSX runtime; Next.js's is automatic.
 */
export function jsxOfBabel(plugins: readonly BabelItem[], presets: readonly BabelItem[], babelMajor: number, hasJsxRuntime: () => boolean): JsxSettings | undefined {
  const babelDefault = babelMajor >= 8 ? 'automatic' : 'classic';
  for (const { resolved, options } of plugins) {
    if (/[/\\]@babel[/\\]plugin-transform-react-jsx-development[/\\]/.test(resolved)) return reactJsxSettings(options, 'automatic');
    if (/[/\\]@babel[/\\]plugin-transform-react-jsx[/\\]/.test(resolved)) return reactJsxSettings(options, babelDefault);
  }
  for (const { resolved, options } of [...presets].reverse()) {
    if (/[/\\]@babel[/\\]preset-react[/\\]/.test(resolved)) return reactJsxSettings(options, babelDefault);
    if (/[/\\]babel-preset-react-app[/\\]/.test(resolved)) return reactJsxSettings(options, hasJsxRuntime() ? 'automatic' : 'classic');
    if (/[/\\]next[/\\]babel(\.js)?$/.test(resolved)) return reactJsxSettings(isRecord(options['preset-react']) ? options['preset-react'] : {}, 'automatic');
  }
  return undefined;
}

/** the JSX settings the options of React's JSX transform give (Babel's plugin, and Vite 8's `oxc.jsx`, name them alike) */
export function reactJsxSettings(options: Record<string, unknown>, defaultRuntime: JsxSettings['runtime']): JsxSettings {
  const text = (key: string) => (typeof options[key] === 'string' ? (options[key] as string) : undefined);
  const runtime = options.runtime === 'automatic' || options.runtime === 'classic' ? options.runtime : defaultRuntime;
  if (runtime === 'automatic') {
    const importSource = text('importSource');
    return { runtime, ...(importSource === undefined ? {} : { importSource }) };
  }
  const factory = text('pragma');
  const fragment = text('pragmaFrag');
  return { runtime, ...(factory === undefined ? {} : { factory }), ...(fragment === undefined ? {} : { fragment }) };
}

/** package.json, when it has a "babel" key */
function packageBabel(root: string): string[] {
  const path = join(root, 'package.json');
  const manifest = readJson(path);
  return isRecord(manifest) && manifest.babel !== undefined ? [path] : [];
}

/** the project's @babel/core, or the one its babel-jest brought; babel-core, where Babel is 6 (Jest 23 and older) */
function projectBabel(root: string): BabelCore | Babel6Core | undefined {
  const fromRoot = createRequire(join(root, 'package.json'));
  const places = [() => fromRoot, () => createRequire(fromRoot.resolve('babel-jest/package.json'))];
  for (const name of ['@babel/core', 'babel-core']) {
    for (const place of places) {
      try {
        return place()(name) as BabelCore | Babel6Core;
      } catch {
        // the next place, or none
      }
    }
  }
  return undefined;
}

function resolves(root: string, specifier: string): boolean {
  try {
    createRequire(join(root, 'package.json')).resolve(specifier);
    return true;
  } catch {
    return false;
  }
}
