import { describe, expect, it } from 'vitest';
import { withoutTypeOnlyExports } from '../../../src/transform/type-only-exports.js';

/** A TypeScript file whose exports are all types and which assigns module.exports is CommonJS, as ts-jest compiles it. */
describe('withoutTypeOnlyExports', () => {
  it("blanks the type-only exports' keywords of a file that assigns module.exports, keeping columns", () => {
    const source = 'export declare const X: number;\nexport type T = 1;\nexport interface I {}\nexport {};\nmodule.exports = require("./x");\n';
    expect(withoutTypeOnlyExports(source, '/p/a.ts')).toBe('       declare const X: number;\n       type T = 1;\n       interface I {}\n          \nmodule.exports = require("./x");\n');
  });

  it('leaves a file with a value export, or one that assigns no exports, alone', () => {
    expect(withoutTypeOnlyExports('export declare const X: number;\nexport const y = 1;\nmodule.exports = {};\n', '/p/a.ts')).toBeUndefined();
    expect(withoutTypeOnlyExports('export type T = 1;\nconst a = 1;\n', '/p/a.ts')).toBeUndefined();
    expect(withoutTypeOnlyExports('export { a } from "./a";\nexports.b = 1;\n', '/p/a.ts')).toBeUndefined();
  });
});
