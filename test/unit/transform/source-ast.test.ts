import { expect, it } from 'vitest';
import { parseFile } from '../../../src/transform/source-ast.js';

it('parses a file once for the rewrites of one build, and again once its text changes', () => {
  const first = parseFile("vi.mock('./a');\nimport { a } from './a';", '/p/x.test.ts');
  expect(parseFile("vi.mock('./a');\nimport { a } from './a';", '/p/x.test.ts')).toBe(first);
  const edited = parseFile("vi.mock('./b');\nimport { b } from './b';", '/p/x.test.ts');
  expect(edited).not.toBe(first);
  // the same text under another name (another extension, other parser plugins) is parsed for itself
  expect(parseFile("vi.mock('./b');\nimport { b } from './b';", '/p/y.test.js')).not.toBe(edited);
});
