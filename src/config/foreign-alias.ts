import type { ModuleAlias } from '../model/compat.js';
import { escapeRegExp, isRecord, isRegExp, isValidRegExp, keyPath, stringList, type Mapping } from './foreign-shared.js';

/** Vite's resolve.alias and Jest's moduleNameMapper as ModuleAliases: a pattern and what the part it matches becomes. */

/**
 * `resolve.alias` and `test.alias`, each an object `{ find: replacement }` or a list of
 * `{ find, replacement }`, in the order Vite tries them: when both are objects, one object with
 * `test.alias` winning; otherwise `test.alias` entries first.
 */
export function viteAliases(resolveAlias: unknown, resolvePath: string, testAlias: unknown, testPath: string, m: Mapping): ModuleAlias[] {
  const fromResolve = entries(resolveAlias, resolvePath, m);
  const fromTest = entries(testAlias, testPath, m);
  let all = [...fromTest, ...fromResolve];
  if (isRecord(resolveAlias) && isRecord(testAlias)) {
    const byFind = new Map([...fromResolve, ...fromTest].map((e) => [e.find as string, e]));
    all = [...byFind.values()];
  }
  return all.flatMap((e) => {
    const alias = toModuleAlias(e);
    if (!alias) m.ignore(e.path);
    else if (e.customResolver !== undefined) m.ignore(keyPath(e.path, 'customResolver'));
    return alias ? [alias] : [];
  });
}

interface AliasEntry {
  find: unknown;
  replacement: unknown;
  customResolver?: unknown;
  path: string;
}

function entries(value: unknown, path: string, m: Mapping): AliasEntry[] {
  if (value === undefined) return [];
  if (isRecord(value)) return Object.entries(value).map(([find, replacement]) => ({ find, replacement, path: keyPath(path, find) }));
  if (!Array.isArray(value)) return void m.ignore(path), [];
  return value.map((e: unknown, i) => (isRecord(e) ? { ...e, find: e.find, replacement: e.replacement, path: keyPath(path, i) } : { find: undefined, replacement: undefined, path: keyPath(path, i) }));
}

function toModuleAlias({ find, replacement }: AliasEntry): ModuleAlias | undefined {
  if (typeof replacement !== 'string') return undefined;
  if (isRegExp(find)) {
    // ModuleAlias carries a source only; flags other than these would change what matches
    return /^[gyd]*$/.test(find.flags) ? { pattern: find.source, replacement } : undefined;
  }
  if (typeof find !== 'string' || find === '') return undefined;
  // Vite matches a string alias as the whole specifier or a prefix ending at a slash
  if (find.endsWith('/') && replacement.endsWith('/')) return { pattern: `^${escapeRegExp(find.slice(0, -1))}(?=/|$)`, replacement: replacement.slice(0, -1) };
  return { pattern: find.endsWith('/') ? `^${escapeRegExp(find)}` : `^${escapeRegExp(find)}(?=/|$)`, replacement };
}

/**
 * `{ regex: replacement }`, where Jest replaces the whole specifier with the replacement (after
 * `$1` and `<rootDir>`). A ModuleAlias replaces what its pattern matched, so a pattern that is not
 * already `^…$` is made to match the whole specifier, its groups keeping their numbers.
 */
export function moduleNameMapper(value: Record<string, unknown>, path: string, fromRootDir: (v: string) => string, m: Mapping): ModuleAlias[] {
  const aliases: ModuleAlias[] = [];
  for (const [regex, target] of Object.entries(value)) {
    const entry = keyPath(path, regex);
    const targets = stringList(target);
    if (!targets || targets.length === 0 || !isValidRegExp(regex)) {
      m.ignore(entry);
      continue;
    }
    aliases.push({ pattern: wholeSpecifier(regex), replacement: fromRootDir(targets[0] as string) });
    // Jest tries each replacement until one resolves; ptest takes the first
    for (let i = 1; i < targets.length; i++) m.ignore(keyPath(entry, i));
  }
  return aliases;
}

function wholeSpecifier(regex: string): string {
  const endsAnchored = /(?:^|[^\\])(?:\\\\)*\$$/.test(regex);
  if (regex.startsWith('^') && endsAnchored && !regex.includes('|')) return regex;
  return `^[\\s\\S]*?(?:${regex})[\\s\\S]*$`;
}
