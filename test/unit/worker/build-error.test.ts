import { describe, expect, it } from 'vitest';
import { importErrorLine } from '../../../src/worker/build-error.js';

/** A failed bundle's error as the one line a file's import error shows. */
describe('importErrorLine', () => {
  const failure = (line: string) => `Build failed with 1 error:\n${line}\n`;

  it("keeps esbuild's error line without its labels, its path from the root", () => {
    const message = failure('../lib/a.ts:2:24: ERROR: [plugin: ptest-node-paths] Could not resolve "vendor/x"');
    expect(importErrorLine(message, '/repo/test/a.test.ts', '/repo')).toBe('lib/a.ts:2:24: Could not resolve "vendor/x"');
    expect(importErrorLine(failure('a.test.ts:1:1: ERROR: Unexpected "}"'), '/repo/a.test.ts', '/repo')).toBe('a.test.ts:1:1: Unexpected "}"');
  });

  it('gives a path outside the root whole, and any other error as it is', () => {
    expect(importErrorLine(failure('../../x.ts:1:1: ERROR: bad'), '/repo/t/a.test.ts', '/repo')).toBe('/x.ts:1:1: bad');
    expect(importErrorLine('boom at import time', '/repo/a.test.ts', '/repo')).toBe('boom at import time');
  });

  it("names ptest's test API as the test imported it, not the runtime file Node names", () => {
    const message = "The requested module 'file:///opt/ptest/dist/runtime/thread-api.mjs' does not provide an export named 'chai'";
    expect(importErrorLine(message, '/repo/a.test.ts', '/repo')).toBe("The requested module 'vitest' / '@jest/globals' (ptest's test API) does not provide an export named 'chai'");
  });

  it('lists the modules that reached the failing one under the line, from the root, as Jest lists its require stack', () => {
    const message = failure('../lib/a.ts:2:24: ERROR: Could not resolve "./gone"');
    const chain = ['/repo/lib/a.ts', '/repo/lib/index.ts', '/repo/test/a.test.ts'];
    expect(importErrorLine(message, '/repo/test/a.test.ts', '/repo', chain)).toBe('lib/a.ts:2:24: Could not resolve "./gone"\n\nImport stack:\n  lib/a.ts\n  lib/index.ts\n  test/a.test.ts');
    expect(importErrorLine(message, '/repo/test/a.test.ts', '/repo', ['/repo/lib/a.ts'])).toBe('lib/a.ts:2:24: Could not resolve "./gone"');
  });

  it('names the file Node could not compile, from the first line of its stack, and leaves other errors as they are', () => {
    const stack = "/repo/node_modules/pkg/x.css:1\n.btn { color: red }\n^\n\nSyntaxError: Unexpected token '.'\n    at wrapSafe (node:internal/modules/cjs/loader:1464:18)";
    expect(importErrorLine("Unexpected token '.'", '/repo/a.test.js', '/repo', undefined, stack)).toBe("node_modules/pkg/x.css:1: Unexpected token '.'");
    expect(importErrorLine('boom', '/repo/a.test.js', '/repo', undefined, 'Error: boom\n    at /repo/a.test.js:1:7')).toBe('boom');
  });
});
