import { describe, expect, it } from 'vitest';
import { joinAttributeLines } from '../../../src/transform/jsx-attribute-lines.js';

/** Babel's JSX joins a multi-line attribute string's lines; the rewrite does it before esbuild, which would not. */
describe('joinAttributeLines', () => {
  it('joins each line break and the indentation after it with one space, keeping the line count', () => {
    const source = 'const a = <path d="M0,0\n    L1,1" x="one line" />;\nnext();\n';
    const out = joinAttributeLines(source, '/p/a.js')!;
    expect(out).toBe('const a = <path d={"M0,0 L1,1"\n} x="one line" />;\nnext();\n');
    expect(out.split('\n')).toHaveLength(source.split('\n').length);
  });

  it('keeps a backslash literal, as JSX strings have no escapes, and leaves a string with an entity alone', () => {
    expect(joinAttributeLines("const a = <p t='a\\\\n\n  b' />;", '/p/a.js')).toBe('const a = <p t={"a\\\\\\\\n b"\n} />;');
    expect(joinAttributeLines('const a = <p t="a &amp;\n  b" />;', '/p/a.js')).toBeUndefined();
  });

  it('leaves a file without such a string unread', () => {
    expect(joinAttributeLines('const a = <p t="x" />;\n', '/p/a.js')).toBeUndefined();
  });
});
