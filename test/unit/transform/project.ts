import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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
