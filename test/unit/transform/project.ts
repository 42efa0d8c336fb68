import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** a throwaway project of the given files, for bundling */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ptest-bundle-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

export const options = (dir: string) => ({ cacheDir: join(dir, '.cache'), runtimeEntry: join(dir, 'runtime.js') });

/** options that bundle a test file of the project: mocks hoisted, setup files none unless `suite` adds them */
export const testOptions = (dir: string, suite: Record<string, unknown> = {}) => ({ ...options(dir), suite: { root: dir, setupFiles: [] as string[], alias: [], ...suite } });

/** rewrites a file with a later mtime, so that the bundle cache sees it changed */
export function edit(path: string, text: string): void {
  writeFileSync(path, text);
  utimesSync(path, new Date(), new Date(Date.now() + 5000));
}
