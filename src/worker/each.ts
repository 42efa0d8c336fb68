import { format } from 'node:util';
import { format as prettyFormat } from 'pretty-format';
import { vitestTitle } from './each-titles-vitest.js';

/**
 * `.each` tables and test-name formatting, as Jest and Vitest do them: an array of rows (each row an
 * array of arguments, or a single value), or a tagged template table whose first line names the
 * columns. Names take printf placeholders (`%s %d %i %f %j %o %O %p %#`) or `$key.path` for objects.
 */
export interface EachCase {
  name: string;
  args: unknown[];
  /** the table's row as written (a template table's: an object of its columns), which Vitest's `.for` passes whole */
  row: unknown;
}

/** `titles`: whose rules name the cases (each-titles-vitest.ts for Vitest's) */
export function casesOf(table: readonly unknown[], template: readonly unknown[], nameTemplate: string, titles: 'jest' | 'vitest' = 'jest'): EachCase[] {
  const rows = isTaggedTemplate(table) ? rowsFromTemplate(table, template) : table;
  return rows.map((row, index) => {
    const args = Array.isArray(row) && !isTaggedTemplate(table) ? row : [row];
    return { name: titles === 'vitest' ? vitestTitle(nameTemplate, args, index) : formatName(nameTemplate, args, index), args, row };
  });
}

function isTaggedTemplate(table: readonly unknown[]): table is TemplateStringsArray {
  return Array.isArray((table as TemplateStringsArray).raw);
}

function rowsFromTemplate(strings: TemplateStringsArray, values: readonly unknown[]): Record<string, unknown>[] {
  const headings = (strings[0] ?? '')
    .split('|')
    .map((h) => h.trim())
    .filter((h) => h.length > 0);
  if (headings.length === 0) throw new Error('.each: a template table needs a heading line such as `a | b | expected`');
  if (values.length % headings.length !== 0) {
    throw new Error(
      `.each: the table has ${values.length} values for ${headings.length} columns (${headings.join(', ')}); ` +
        'every row needs one value per column',
    );
  }
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < values.length; i += headings.length) {
    rows.push(Object.fromEntries(headings.map((h, c) => [h, values[i + c]])));
  }
  return rows;
}

const PRINTF = /%[sdifjoOp#%]/g;

/** as jest-each: `$key.path` (keys of the row only) and `$#`, else printf placeholders */
export function formatName(template: string, args: readonly unknown[], index: number): string {
  const first = args[0];
  if (args.length === 1 && isPlainObject(first) && template.includes('$')) {
    return template.replace(/\$([\w.]+|#)/g, (whole, path: string) => {
      if (path === '#') return String(index);
      const value = lookup(first, path);
      if (value === undefined && !(path.split('.')[0]! in first)) return whole;
      // as jest-each: primitives as they are, objects pretty-printed
      return value === null || typeof value !== 'object' ? String(value) : pretty(value);
    });
  }
  let next = 0;
  const named = template.replace(PRINTF, (placeholder) => {
    if (placeholder === '%%') return '%';
    if (placeholder === '%#') return String(index);
    if (next >= args.length) return placeholder;
    const value = args[next++];
    switch (placeholder) {
      case '%p':
        return pretty(value);
      case '%j':
        return JSON.stringify(value);
      default:
        return format(placeholder, value);
    }
  });
  return named;
}

function lookup(obj: Record<string, unknown>, path: string): unknown {
  let value: unknown = obj;
  for (const key of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

/** Jest's own formatting of `%p` and `$key` values (jest-each: pretty-format, shallow and on one line) */
function pretty(value: unknown): string {
  return prettyFormat(value, { maxDepth: 1, min: true });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
