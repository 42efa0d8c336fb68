import type { JsxSettings } from '../model/compat.js';
import { reactJsxSettings } from './babel-jsx.js';
import { isRecord, keyPath, type Mapping } from './foreign-shared.js';

/**
 * Vite's JSX settings: `esbuild` (Vite 7 and older: `jsx: 'automatic'`, `jsxImportSource`,
 * `jsxFactory`, `jsxFragment`) and `oxc` (Vite 8: `jsx: { runtime, importSource, pragma,
 * pragmaFrag }`), as ptest's `jsx`. Their other keys (targets, minification, drops) are listed as
 * ignored. Vite 8's default, the automatic runtime, is foreign-config's to apply.
 */
export function mapViteJsx(key: 'esbuild' | 'oxc', value: unknown, path: string, m: Mapping): void {
  if (!isRecord(value)) return m.ignore(path);
  const jsxKeys = key === 'esbuild' ? ['jsx', 'jsxImportSource', 'jsxFactory', 'jsxFragment'] : ['jsx'];
  for (const k of Object.keys(value)) if (!jsxKeys.includes(k)) m.ignore(keyPath(path, k));
  const jsx = key === 'esbuild' ? esbuildJsx(value) : oxcJsx(value.jsx);
  if (jsx) m.set('jsx', jsx, ...jsxKeys.filter((k) => k in value).map((k) => keyPath(path, k)));
  else for (const k of jsxKeys.filter((k) => k in value)) m.ignore(keyPath(path, k));
}

function esbuildJsx(o: Record<string, unknown>): JsxSettings | undefined {
  const text = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const jsx = text('jsx');
  if (jsx === 'preserve' || (jsx !== undefined && jsx !== 'automatic' && jsx !== 'transform')) return undefined;
  const importSource = text('jsxImportSource');
  if (jsx === 'automatic' || (jsx === undefined && importSource !== undefined)) return { runtime: 'automatic', ...(importSource ? { importSource } : {}) };
  const factory = text('jsxFactory');
  const fragment = text('jsxFragment');
  if (jsx === undefined && factory === undefined && fragment === undefined) return undefined;
  return { runtime: 'classic', ...(factory ? { factory } : {}), ...(fragment ? { fragment } : {}) };
}

/** `oxc.jsx` takes the options of Babel's React plugin, the automatic runtime by default */
function oxcJsx(value: unknown): JsxSettings | undefined {
  if (!isRecord(value) || (value.runtime !== undefined && value.runtime !== 'automatic' && value.runtime !== 'classic')) return undefined;
  return reactJsxSettings(value, 'automatic');
}
