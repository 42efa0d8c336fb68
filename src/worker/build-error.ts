import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { IMPORT_STACK } from '../model/events.js';

/**
 * A test file's import error in one line. esbuild's build failure says `Build failed with 1
 * error:` and then `x.ts:2:24: ERROR: [plugin: ptest-node-paths] Could not resolve "y"`, with the
 * path from the test file's folder: the line kept is the error, without esbuild's labels or
 * ptest's plugin names, its path from the root as every other path ptest prints. `chain`: the
 * modules from the failing one back to the test or setup file that imported it (import-chain.ts).
 */
export function importErrorLine(message: string, file: string, root: string, chain?: readonly string[], stack?: string): string {
  const lines = message.split('\n').filter((l) => l.trim() !== '');
  if (!isBuildFailure(message) || !lines[1]) return withCompiledPlace(message.replace(RUNTIME_MODULE, TEST_API), stack, root);
  const error = lines[1].replace(' ERROR:', '').replace(/\[plugin: [\w-]+\] /, '');
  const place = /^(.+?):(\d+:\d+: .*)$/.exec(error);
  const line = place ? `${fromRoot(resolve(dirname(file), place[1]!), root)}:${place[2]}` : error;
  // which imports reached the failing module, as Jest's "Require stack" lists them
  return chain && chain.length > 1 ? `${line}${IMPORT_STACK}${chain.map((module) => `  ${fromRoot(module, root)}`).join('\n')}` : line;
}

/**
 * A file Node could not compile (a package's stylesheet required as JavaScript, a syntax error in
 * a package) is named by the first line of Node's stack only, `/abs/x.css:1`: the message names
 * it, from the root, as a failed build's does, so that the test's own import line in the frame
 * below is not taken for the culprit.
 */
function withCompiledPlace(message: string, stack: string | undefined, root: string): string {
  const place = /^(\/[^\n]*?):(\d+)\n/.exec(stack ?? '');
  return place ? `${fromRoot(place[1]!, root)}:${place[2]}: ${message}` : message;
}

/** Node names ptest's runtime file where the test imported 'vitest' or '@jest/globals': named as the test wrote it */
const RUNTIME_MODULE = /The requested module '[^']*\/thread-api\.mjs'/;
const TEST_API = "The requested module 'vitest' / '@jest/globals' (ptest's test API)";

function fromRoot(path: string, root: string): string {
  const relativePath = relative(root, path);
  return relativePath.startsWith('..') || isAbsolute(relativePath) ? path : relativePath;
}

/** esbuild's failure, as opposed to an error the file threw while it was imported */
export const isBuildFailure = (message: string): boolean => message.startsWith('Build failed with');
