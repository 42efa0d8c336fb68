import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeChalk } from '../../../src/report/terminal/colors.js';
import { formatError, readableFrame } from '../../../src/report/terminal/format-failure.js';

/** How one failure's error reads in the terminal: its message, the code frame, the user's frames. */
const root = mkdtempSync(join(tmpdir(), 'ptest-format-'));
writeFileSync(join(root, 'lib.ts'), "export function load(): number {\n  throw new Error('cannot load');\n}\n");
const plain = { chalk: makeChalk(0), root, internalDirs: ['node:'] };

describe('formatError', () => {
  it("gives a stack's frames from the root, and does not print the failing line's place twice", () => {
    const stack = `Error: cannot load\n    at load (${pathToFileURL(join(root, 'lib.ts')).href}:2:9)\n    at <anonymous> (${join(root, 'a.test.ts')}:7:3)\n    at run (node:internal/x:1:1)`;
    const lines = formatError({ message: 'cannot load', stack, location: { file: join(root, 'lib.ts'), line: 2, column: 9 } }, plain);
    expect(lines.filter((l) => l.includes('lib.ts:2:9'))).toEqual(['    at load (lib.ts:2:9)']);
    expect(lines).toContain('    at <anonymous> (a.test.ts:7:3)');
    expect(lines.some((l) => l.includes("> 2 |   throw new Error('cannot load');"))).toBe(true);
    expect(lines.join('\n')).not.toContain('node:internal');
  });

  it('names the place on a line of its own when the stack has no other frame to show', () => {
    const stack = `Error: cannot load\n    at ${join(root, 'lib.ts')}:2:9`;
    const lines = formatError({ message: 'cannot load', stack, location: { file: join(root, 'lib.ts'), line: 2, column: 9 } }, plain);
    expect(lines).toContain('    at lib.ts:2:9');
  });
});

describe('readableFrame', () => {
  it('turns file URLs into paths and leaves paths outside the root whole', () => {
    expect(readableFrame('at f (file:///repo/src/a%20b.ts:3:1)', '/repo')).toBe('at f (src/a b.ts:3:1)');
    expect(readableFrame('at g (/elsewhere/x.js:1:2)', '/repo')).toBe('at g (/elsewhere/x.js:1:2)');
    expect(readableFrame('at h (/repo-other/x.js:1:2)', '/repo')).toBe('at h (/repo-other/x.js:1:2)');
  });
});
