import type { JsdomOptions } from '../model/compat.js';
import { customConditions } from './environment-conditions.js';
import { isRecord, keyPath, setOr, stringList, type Mapping } from './foreign-shared.js';
import { UsageError } from './usage-error.js';

/**
 * The options of jsdom's constructor a config may set (Vitest's `environmentOptions.jsdom`, Jest's
 * `testEnvironmentOptions`, ptest's `jsdomOptions`), with the type each must have: what crosses to
 * the workers is data, so a ResourceLoader, VirtualConsole or CookieJar object cannot.
 */
const TYPES: Record<keyof JsdomOptions, 'string' | 'boolean' | 'number'> = {
  html: 'string',
  userAgent: 'string',
  contentType: 'string',
  referrer: 'string',
  resources: 'string',
  pretendToBeVisual: 'boolean',
  includeNodeLocations: 'boolean',
  storageQuota: 'number',
};

function fits(key: string, value: unknown): key is keyof JsdomOptions {
  if (!Object.hasOwn(TYPES, key) || typeof value !== TYPES[key as keyof JsdomOptions]) return false;
  // jsdom's other value for resources is a ResourceLoader
  return key !== 'resources' || value === 'usable';
}

/** A foreign config's options for jsdom (`url` is the document's address): those ptest passes on, the others listed as ignored */
function mapJsdomOptions(value: Record<string, unknown>, path: string, m: Mapping): void {
  const options: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'url') setOr(m, 'environmentUrl', typeof v === 'string' ? v : undefined, keyPath(path, key));
    else if (fits(key, v)) options[key] = v;
    else m.ignore(keyPath(path, key));
  }
  if (Object.keys(options).length > 0) m.set('jsdomOptions', options, path);
}

/** Vitest's `environmentOptions`: `jsdom` (passed to its constructor) and `happyDOM` (only its url) */
export function mapVitestEnvironmentOptions(value: unknown, path: string, m: Mapping): void {
  if (!isRecord(value)) return m.ignore(path);
  for (const [key, options] of Object.entries(value)) {
    const at = keyPath(path, key);
    if (key === 'jsdom' && isRecord(options)) mapJsdomOptions(options, at, m);
    else if (key === 'happyDOM' && isRecord(options)) mapHappyDomOptions(options, at, m);
    else m.ignore(at);
  }
}

/** happy-dom's options: its url only, where jsdom's gives none (one address serves both) */
function mapHappyDomOptions(value: Record<string, unknown>, path: string, m: Mapping): void {
  for (const [key, v] of Object.entries(value)) {
    if (key !== 'url') m.ignore(keyPath(path, key));
    else if (m.config.environmentUrl === undefined) setOr(m, 'environmentUrl', typeof v === 'string' ? v : undefined, keyPath(path, key));
  }
}

/** Jest's `testEnvironmentOptions`: what its jsdom environment passes to jsdom's constructor, and the export conditions of every environment */
export function mapJestEnvironmentOptions(value: unknown, path: string, m: Mapping): void {
  if (!isRecord(value)) return m.ignore(path);
  const { customExportConditions: custom, ...options } = value;
  const at = keyPath(path, 'customExportConditions');
  if (Array.isArray(custom) && stringList(custom)) m.set('environmentConditions', customConditions(custom as string[]), at);
  else if (custom !== undefined) m.ignore(at);
  mapJsdomOptions(options, path, m);
}

/** ptest's own `jsdomOptions`, refused whole when a key is not one it can pass on */
export function parseJsdomOptions(value: unknown): JsdomOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError('jsdomOptions: must be an object of jsdom options');
  for (const [key, v] of Object.entries(value)) {
    if (!fits(key, v)) {
      const expected = Object.hasOwn(TYPES, key) ? (key === 'resources' ? "'usable'" : `a ${TYPES[key as keyof JsdomOptions]}`) : undefined;
      throw new UsageError(expected ? `jsdomOptions.${key}: must be ${expected}` : `jsdomOptions.${key}: not an option ptest passes to jsdom (${Object.keys(TYPES).join(', ')}; the URL is environmentUrl)`);
    }
  }
  return value as JsdomOptions;
}
