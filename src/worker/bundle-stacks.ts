import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload, type SourceMapping } from 'node:module';
import { sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Stack traces through ptest's bundles name the original files and lines, as Node's own source-map
 * support would print them. Node's support (process.setSourceMapsEnabled) reads and parses the map
 * of every module it loads, packages included, whether or not a stack is ever printed: on Tiptap's
 * suite, where every file loads happy-dom, ProseMirror and React afresh, that was about a tenth of
 * the run's CPU. Here only bundles are mapped, and a bundle's map is read the first time a stack
 * through it is formatted.
 */
const bundleDirs = new Set<string>();
/** the maps of the bundles stacks went through lately, the newest last (null: the bundle has none) */
const maps = new Map<string, SourceMap | null>();
const MAPS_KEPT = 8;
const INLINE_MAP = '//# sourceMappingURL=data:application/json;base64,';
/** Node 20's own `Error.prepareStackTrace`, in place before any code of the suite's ran */
const NODE_FORMATTER = Error.prepareStackTrace;

/**
 * Maps stacks through the modules under `dir` (the bundle cache). Called for every file: the
 * formatter goes back in if an earlier file on the thread removed it, but a formatter of the
 * suite's own (source-map-support, say) is left in place, as Node's support would leave it.
 */
export function mapStacksOfBundlesIn(dir: string): void {
  if (Error.prepareStackTrace === undefined || Error.prepareStackTrace === NODE_FORMATTER) Error.prepareStackTrace = formatStack;
  bundleDirs.add(dir.endsWith(sep) ? dir : dir + sep);
}

/** The same text as Node's `prepareStackTraceWithSourceMaps`, for frames in bundles. */
export function formatStack(error: Error, trace: NodeJS.CallSite[]): string {
  const header = isNodeError(error) ? `${error.name} [${(error as NodeJS.ErrnoException).code}]: ${error.message}` : Error.prototype.toString.call(error);
  return header + trace.map((site, i) => `\n    at ${frameOf(site, trace[i + 1])}`).join('');
}

function frameOf(site: NodeJS.CallSite, caller: NodeJS.CallSite | undefined): string {
  try {
    const map = mapOf(site.getFileName() ?? undefined);
    const entry = map && entryAt(map, site.getLineNumber(), site.getColumnNumber());
    if (!map || !entry) return String(site);
    const source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : entry.originalSource;
    const prefix = site.isAsync() ? 'async ' : site.isConstructor() ? 'new ' : '';
    const typeName = site.getTypeName();
    const ownName = `${typeName !== null && typeName !== 'global' ? `${typeName}.` : ''}${(site.getFunctionName() ?? site.getMethodName()) || '<anonymous>'}`;
    const name = originalName(map, site, caller);
    const shown = name && name !== ownName ? name : ownName;
    return `${prefix}${shown} (${source}:${entry.originalLine + 1}:${entry.originalColumn + 1})`;
  } catch {
    return String(site);
  }
}

/** A name the bundler replaced, from the map's `names`: of the enclosing function, else at the call. */
function originalName(map: SourceMap, site: NodeJS.CallSite, caller: NodeJS.CallSite | undefined): string | undefined {
  const enclosing = entryAt(map, site.getEnclosingLineNumber(), site.getEnclosingColumnNumber())?.name;
  if (enclosing) return enclosing;
  if (!caller || caller.getFileName() !== site.getFileName()) return undefined;
  return entryAt(map, caller.getLineNumber(), caller.getColumnNumber())?.name;
}

/** The mapping at a stack's 1-based position (a map's are 0-based); Node's also carries the name. */
function entryAt(map: SourceMap, line: number | null, column: number | null): (SourceMapping & { name?: string }) | undefined {
  const entry = map.findEntry((line ?? 0) - 1, (column ?? 0) - 1);
  return 'originalSource' in entry && entry.originalSource !== undefined ? entry : undefined;
}

/** modules compiled in the thread from a source that is not JavaScript (worker/computed-loads.ts): their code, by path */
const compiled = new Map<string, string>();

/** Maps stacks through a module compiled here, named after its source, whose code has an inline map. */
export function mapCompiledModule(path: string, code: string): void {
  compiled.set(path, code);
  maps.delete(path);
}

function mapOf(fileName: string | undefined): SourceMap | null {
  if (fileName !== undefined && compiled.has(fileName)) return cachedMap(fileName, () => readMap(compiled.get(fileName)!, fileName));
  if (!fileName?.startsWith('file://')) return null;
  const path = fileURLToPath(fileName.replace(/[?#].*$/, ''));
  if (![...bundleDirs].some((dir) => path.startsWith(dir))) return null;
  return cachedMap(path, () => readMap(readFileSync(path, 'utf8'), path));
}

function cachedMap(path: string, read: () => SourceMap | null): SourceMap | null {
  let map = maps.get(path);
  if (map === undefined) map = read();
  maps.delete(path);
  maps.set(path, map);
  if (maps.size > MAPS_KEPT) maps.delete(maps.keys().next().value!);
  return map;
}

/** The code's inline map, its sources made absolute against the code's URL as Node does. */
function readMap(code: string, path: string): SourceMap | null {
  const at = code.lastIndexOf(INLINE_MAP);
  if (at < 0) return null;
  const payload = JSON.parse(Buffer.from(code.slice(at + INLINE_MAP.length).trim(), 'base64').toString('utf8')) as SourceMapPayload;
  const base = pathToFileURL(path);
  payload.sources = payload.sources.map((source) => new URL((payload.sourceRoot || '') + source, base).href);
  payload.sourceRoot = '';
  return new SourceMap(payload);
}

/** Node's own errors (its `kIsNodeError` mark, a symbol it does not export) show their code in the header. */
function isNodeError(error: Error): boolean {
  for (let proto: object | null = error; proto; proto = Object.getPrototypeOf(proto) as object | null) {
    if (Object.getOwnPropertySymbols(proto).some((symbol) => symbol.description === 'kIsNodeError')) return true;
  }
  return false;
}
