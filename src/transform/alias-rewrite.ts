import type { ModuleAlias } from '../model/compat.js';

/** The suite's aliases as one rewrite: the specifier as the first matching alias makes it, or undefined when none matches. */
export function aliasRewrite(alias: readonly ModuleAlias[]): (specifier: string) => string | undefined {
  const aliases = alias.map((a) => ({ pattern: new RegExp(a.pattern), replacement: a.replacement }));
  return (specifier) => {
    const match = aliases.find((a) => a.pattern.test(specifier));
    return match && specifier.replace(match.pattern, match.replacement);
  };
}
