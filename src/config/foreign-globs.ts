import { posix } from 'node:path';

/**
 * Jest names test files with regular expressions matched anywhere in the absolute path
 * (`testRegex`, `testPathIgnorePatterns`); ptest with globs relative to the root. The common
 * shapes translate: literals, escaped dots and slashes, `(a|b)` groups (→ `{a,b}`), `[jt]`
 * classes, `x?` (→ `{,x}`), and `.*` (→ `*`, or `**` + `/*` after a slash). Anything else (`\d`,
 * `+` on a letter, `[^…]`, a group holding a slash) is left to the caller to list as ignored, not
 * guessed at. An unescaped `.` not followed by `*`/`+` is read as a literal dot: what was meant.
 */

/** The default testMatch of Jest since v22, which replaced LEGACY_TEST_REGEX and finds the same files. */
export const JEST_DEFAULT_TEST_MATCH = ['**/__tests__/**/*.?([mc])[jt]s?(x)', '**/?(*.)+(spec|test).?([mc])[jt]s?(x)'];
/** Jest's default testRegex before v22; still copied into configs (its slash-holding group does not translate) */
export const LEGACY_TEST_REGEX = '(/__tests__/.*|(\\.|/)(test|spec))\\.[jt]sx?$';

interface Translated {
  glob: string;
  /** `^`: anchored at the start of the absolute path */
  start: boolean;
  /** `$`: anchored at the end */
  end: boolean;
}

export function translateRegex(source: string): Translated | undefined {
  let body = source;
  const start = body.startsWith('^');
  if (start) body = body.slice(1);
  const end = /(?:^|[^\\])(?:\\\\)*\$$/.test(body);
  if (end) body = body.slice(0, -1);
  const parser = new Parser(body);
  const glob = parser.sequence(false);
  if (glob === undefined || parser.pos !== body.length) return undefined;
  return { glob, start, end };
}

/** `.*\.spec\.ts$` → `**\/*.spec.ts`: what a testRegex finds, as a glob relative to where tests are searched */
export function testRegexGlobs(regex: string): string[] | undefined {
  if (regex === LEGACY_TEST_REGEX) return JEST_DEFAULT_TEST_MATCH;
  const t = translateRegex(regex);
  if (!t) return undefined;
  const glob = unanchoredStart(t);
  if (glob === undefined) return undefined;
  return [t.end || glob.endsWith('*') ? glob : `${glob}${glob.endsWith('/') ? '**' : '*'}`];
}

/**
 * A testPathIgnorePatterns entry as exclude globs: `/node_modules/` → `**\/node_modules/**`,
 * `<rootDir>/build/` → `build/**` (with `rootDirRel` the root-relative rootDir), `\.d\.ts$` →
 * `**\/*.d.ts`. A pattern that can end mid-name (`<rootDir>/e2e`) excludes both the names that
 * start so and everything under them.
 */
export function ignorePatternGlobs(pattern: string, rootDirRel: string): string[] | undefined {
  const source = pattern.replace(/^\^(?=<rootDir>)/, '');
  const anchored = source.startsWith('<rootDir>/');
  const t = translateRegex(anchored ? source.slice('<rootDir>'.length) : source);
  if (!t) return undefined;
  const glob = anchored ? posix.join(rootDirRel || '.', t.glob.slice(1)).replace(/^\.(?:\/|$)/, '') : unanchoredStart(t);
  if (glob === undefined || glob === '' || glob.startsWith('../')) return undefined;
  if (t.end) return [glob];
  if (glob.endsWith('/')) return [`${glob}**`];
  if (glob.endsWith('*')) return [glob];
  return [`${glob}*`, `${glob}*/**`];
}

/** a regex matched anywhere in an absolute path as a glob matched from the root */
function unanchoredStart(t: Translated): string | undefined {
  if (t.glob.startsWith('**/*')) return t.glob;
  // anchored at the filesystem root: only `^.*` patterns mean anything relative to a project
  if (t.start) return undefined;
  return t.glob.startsWith('/') ? `**${t.glob}` : `**/*${t.glob}`;
}

const LITERAL = /[A-Za-z0-9_\-@~/.]/;
const ESCAPABLE = /[./\-_@~]/;

class Parser {
  pos = 0;
  constructor(private readonly s: string) {}

  /** atoms up to the end, or inside a group up to its next `|` or `)` */
  sequence(inGroup: boolean): string | undefined {
    let out = '';
    while (this.pos < this.s.length) {
      const c = this.s[this.pos];
      if (inGroup && (c === '|' || c === ')')) break;
      const atom = this.atom(out);
      if (atom === undefined) return undefined;
      out += atom;
    }
    return out;
  }

  private atom(before: string): string | undefined {
    const c = this.s[this.pos++] as string;
    const next = this.s[this.pos];
    if (c === '.' && (next === '*' || next === '+')) {
      this.pos++;
      // `.*` crosses directories: a whole segment of it is `**/*`, part of a name only `*`
      return before === '' || before.endsWith('/') ? '**/*' : '*';
    }
    let alternatives: string[] | undefined;
    let glob: string;
    if (c === '\\') {
      const escaped = this.s[this.pos++];
      if (escaped === undefined || !ESCAPABLE.test(escaped)) return undefined;
      glob = escaped;
    } else if (c === '(') {
      alternatives = this.group();
      if (alternatives === undefined) return undefined;
      // one alternative in braces would be taken literally, `{a}`
      glob = alternatives.length === 1 ? (alternatives[0] as string) : `{${alternatives.join(',')}}`;
    } else if (c === '[') {
      const close = this.s.indexOf(']', this.pos);
      const chars = close === -1 ? '' : this.s.slice(this.pos, close);
      if (!/^[A-Za-z0-9_-]+$/.test(chars)) return undefined;
      this.pos = close + 1;
      glob = `[${chars}]`;
    } else if (LITERAL.test(c)) {
      glob = c;
    } else {
      return undefined;
    }
    const quantifier = this.s[this.pos];
    if (quantifier === '?') {
      this.pos++;
      return `{,${(alternatives ?? [glob]).join(',')}}`;
    }
    if (quantifier === '*' || quantifier === '+' || quantifier === '{') return undefined;
    return glob;
  }

  private group(): string[] | undefined {
    if (this.s.startsWith('?:', this.pos)) this.pos += 2;
    const alternatives: string[] = [];
    for (;;) {
      const alternative = this.sequence(true);
      // a slash inside braces would make one glob of several directory shapes: not worth the risk
      if (alternative === undefined || alternative.includes('/')) return undefined;
      alternatives.push(alternative);
      const delimiter = this.s[this.pos++];
      if (delimiter === ')') return alternatives;
      if (delimiter !== '|') return undefined;
    }
  }
}
