import { isRecord, isRegExp, keyPath, type Mapping } from './foreign-shared.js';

/** a `noExternal` value of the config, and where it sits (`ssr.noExternal`) */
export interface NoExternal {
  value: unknown;
  path: string;
}

/**
 * Vitest's `test.server.deps.inline` as ptest's `inlineDeps`, with the packages Vite's
 * `resolve.noExternal` / `ssr.noExternal` add to it (Vitest 4 merges them in, turning a `*` into a
 * RegExp over the module directory). The other `server` keys are listed as ignored.
 */
export function mapInlineDeps(server: unknown, serverPath: string, noExternal: readonly NoExternal[], m: Mapping): void {
  let inline: true | (string | RegExp)[] | undefined;
  const sources: string[] = [];
  if (isRecord(server)) {
    for (const [key, value] of Object.entries(server)) {
      const path = keyPath(serverPath, key);
      if (key !== 'deps' || !isRecord(value)) {
        m.ignore(path);
        continue;
      }
      for (const [k, v] of Object.entries(value)) {
        const listed = k === 'inline' ? patternList(v) : undefined;
        if (listed === undefined) {
          m.ignore(keyPath(path, k));
          continue;
        }
        inline = listed;
        sources.push(keyPath(path, k));
      }
    }
  } else if (server !== undefined) {
    m.ignore(serverPath);
  }
  for (const { value, path } of noExternal) {
    const listed = patternList(Array.isArray(value) ? value : [value]);
    if (listed === undefined) {
      m.ignore(path);
      continue;
    }
    sources.push(path);
    if (inline === true) continue;
    inline = listed === true ? true : [...(inline ?? []), ...listed.map(withWildcard)];
  }
  if (inline !== undefined) m.set('inlineDeps', inline, ...sources);
}

/** `true`, or a list of names and RegExps; undefined for anything else */
function patternList(value: unknown): true | (string | RegExp)[] | undefined {
  if (value === true) return true;
  if (!Array.isArray(value)) return undefined;
  if (value.includes(true)) return true;
  return value.every((v) => typeof v === 'string' || isRegExp(v)) ? (value as (string | RegExp)[]) : undefined;
}

/** Vite's `noExternal: ['@scope/*']`: Vitest matches it as `/node_modules/@scope/` and a word */
function withWildcard(pattern: string | RegExp): string | RegExp {
  if (typeof pattern !== 'string' || !pattern.includes('*')) return pattern;
  return new RegExp(`(\\/node_modules\\/)${pattern.replace(/\*/g, '[\\w/]+')}`);
}
