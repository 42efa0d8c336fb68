import { format, formatRegExp, objDisplay } from '@vitest/utils/display';
import { isNegativeNaN, isObject, objectAttr } from '@vitest/utils/helpers';

/**
 * A `.each` case's title as Vitest 4 writes it, with the formatting helpers Vitest itself uses
 * (@vitest/utils): `$key.path` and `$0` shown by `objDisplay` (strings quoted, anything over 40
 * characters cut, a missing key as `undefined`), printf placeholders by its `format` (objects on one
 * line), `%#` the case's index and `%$` its number. Titles are what snapshots are keyed by, so
 * they must come out as Vitest's, character for character.
 */
export function vitestTitle(template: string, items: readonly unknown[], index: number): string {
  let title = template;
  if (title.includes('%#') || title.includes('%$')) {
    title = title.replace(/%%/g, '\0%\0').replace(/%#/g, String(index)).replace(/%\$/g, String(index + 1)).replace(/\0%\0/g, '%%');
  }
  // as Vitest counts them: every `%`, so a `%%` takes a value too
  const count = title.split('%').length - 1;
  if (title.includes('%f')) {
    // a negative zero (or NaN) keeps its sign
    let nth = 0;
    title = title.replace(/%f/g, (placeholder) => {
      const value = items[nth++];
      return Object.is(value, -0) || (typeof value === 'number' && isNegativeNaN(value)) ? '-%f' : placeholder;
    });
  }
  const objectRow = isObject(items[0]);
  const attributes = (text: string): string =>
    text.replace(/\$([$\w.]+)/g, (whole, key: string) => {
      const arrayKey = /^\d+$/.test(key);
      if (!objectRow && !arrayKey) return whole;
      const element = arrayKey ? objectAttr(items, key) : undefined;
      return objDisplay(objectRow ? objectAttr(items[0], key, element) : element);
    });
  let out = '';
  let next = 0;
  let last = 0;
  for (const match of title.matchAll(formatRegExp)) {
    out += attributes(title.slice(last, match.index));
    out += next < count ? format(match[0], items[next++]) : match[0];
    last = match.index + match[0].length;
  }
  return out + attributes(title.slice(last));
}
