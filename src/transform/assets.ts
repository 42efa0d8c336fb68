import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative } from 'node:path';
import type { Plugin } from 'esbuild';
import { lookup } from 'mrmime';
import { ASSET_EXTENSIONS, STYLESHEET_EXTENSIONS, endingIn } from './file-kinds.js';

/** Vite's KNOWN_ASSET_TYPES: what an import gives the URL of */
const ASSETS = endingIn(ASSET_EXTENSIONS, 'i');
/** Vite's queries: the file's text, its URL, or its contents as a data URL */
const QUERY = /\?(raw|url|inline)$/;
const NAMESPACE = 'ptest-asset';
/** Vitest processes no stylesheet by default (its `css` setting): a query of one gives an empty string */
const STYLESHEET = endingIn(STYLESHEET_EXTENSIONS);
/** Vite's default build.assetsInlineLimit, which its dev server applies to SVG files */
const INLINE_LIMIT = 4096;

/**
 * Images, fonts and media a module imports, as Vite's dev server (and so Vitest) gives them: the
 * default export is the URL the file is served at, `/` and its path from the root (a small SVG is
 * inlined as a data URL, as Vite does), and `?raw`, `?url` and `?inline` give its text, its URL and
 * a data URL. esbuild has no loader for them, and a component importing its logo failed the test
 * file. Jest suites map such files with moduleNameMapper, which applies first; an import Jest could
 * not load at all gets the URL too. `watched` collects the files read for a query, which the bundle
 * cache must check: they are in ptest's own namespace, not among the build's inputs.
 */
export function assetsPlugin(root: string, watched: Set<string>): Plugin {
  return {
    name: 'ptest-assets',
    setup(build) {
      build.onLoad({ filter: ASSETS }, async ({ path }) => ({ contents: exportDefault(await devUrl(path, root)), loader: 'js' }));
      build.onResolve({ filter: QUERY }, async (args) => {
        const [, query] = QUERY.exec(args.path)!;
        const file = await build.resolve(args.path.slice(0, -query!.length - 1), { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, namespace: args.namespace });
        if (file.errors.length > 0 || !isAbsolute(file.path)) return file.errors.length > 0 ? { errors: file.errors } : undefined;
        watched.add(file.path);
        return { path: `${file.path}?${query}`, namespace: NAMESPACE };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, async ({ path }) => {
        const [, query] = QUERY.exec(path)!;
        const file = path.slice(0, -query!.length - 1);
        if (STYLESHEET.test(file)) return { contents: exportDefault(''), loader: 'js' };
        if (query === 'raw') return { contents: exportDefault(await readFile(file, 'utf8')), loader: 'js' };
        return { contents: exportDefault(query === 'inline' ? dataUrl(file, await readFile(file)) : await devUrl(file, root)), loader: 'js' };
      });
    },
  };
}

const exportDefault = (value: string): string => `export default ${JSON.stringify(value)};`;

async function devUrl(file: string, root: string): Promise<string> {
  if (file.toLowerCase().endsWith('.svg')) {
    const content = await readFile(file);
    if (content.length < INLINE_LIMIT) return dataUrl(file, content);
  }
  const fromRoot = relative(root, file);
  // Vite serves a file outside its root under /@fs/
  return fromRoot.startsWith('..') || isAbsolute(fromRoot) ? `/@fs${file}` : `/${fromRoot.split('\\').join('/')}`;
}

/** Vite's assetToDataURL, with the MIME types of the library Vite asks: an SVG URL-encoded where that is safe, anything else in base64 */
function dataUrl(file: string, content: Buffer): string {
  if (extname(file).toLowerCase() !== '.svg') return `data:${lookup(file) ?? 'application/octet-stream'};base64,${content.toString('base64')}`;
  const text = content.toString();
  if (text.includes('<text') || text.includes('<foreignObject') || /"[^"']*'[^"]*"|'[^'"]*"[^']*'/.test(text)) return `data:image/svg+xml;base64,${content.toString('base64')}`;
  const encoded = text.trim().replaceAll(/>\s+</g, '><').replaceAll('"', "'").replaceAll('%', '%25').replaceAll('#', '%23').replaceAll('<', '%3c').replaceAll('>', '%3e').replaceAll(/\s+/g, '%20');
  return `data:image/svg+xml,${encoded}`;
}
