import { dirname, isAbsolute, relative, resolve } from 'node:path';

/**
 * A test file's import error in one line. esbuild's build failure says `Build failed with 1
 * error:` and then `x.ts:2:24: ERROR: [plugin: ptest-node-paths] Could not resolve "y"`, with the
 * path from the test file's folder: the line kept is the error, without esbuild's labels or
 * ptest's plugin names, its path from the root as every other path ptest prints.
 */
export function importErrorLine(message: string, file: string, root: string): string {
  const lines = message.split('\n').filter((l) => l.trim() !== '');
  if (!lines[0]?.startsWith('Build failed with') || !lines[1]) return message;
  const error = lines[1].replace(' ERROR:', '').replace(/\[plugin: [\w-]+\] /, '');
  const place = /^(.+?):(\d+:\d+: .*)$/.exec(error);
  if (!place) return error;
  const path = resolve(dirname(file), place[1]!);
  const fromRoot = relative(root, path);
  return `${fromRoot.startsWith('..') || isAbsolute(fromRoot) ? path : fromRoot}:${place[2]}`;
}
