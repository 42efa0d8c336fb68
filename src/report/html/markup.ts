import { escapeUTF8 } from 'entities';
import { stripVTControlCharacters } from 'node:util';

/**
 * Safe-by-default HTML: the `html` template escapes every interpolated value unless it is already
 * Markup, so a test name, message or path can only ever become text. Colour codes are stripped
 * first (a report is not a terminal).
 */
export class Markup {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Content = Markup | string | number | null | undefined | false | readonly Content[];

export function html(strings: TemplateStringsArray, ...values: Content[]): Markup {
  let out = strings[0]!;
  values.forEach((value, i) => (out += render(value) + strings[i + 1]!));
  return new Markup(out);
}

export function render(value: Content): string {
  if (value instanceof Markup) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeUTF8(stripVTControlCharacters(String(value)));
}

/** only web links become links: a `javascript:` URL in a committed file must not be clickable */
export function link(url: string | undefined, label: Content): Markup {
  if (!url) return html``;
  return /^https?:\/\//i.test(url) ? html`<a href="${url}" rel="noreferrer">${label}</a>` : html`${url}`;
}

export function seconds(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
