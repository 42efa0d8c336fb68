import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A short hash of each test file's contents, so the history can tell a test that flips on the
 * same code (flaky) from one whose file was edited between runs. A file that cannot be read has
 * no hash (its runs are simply not told apart).
 */
export async function hashFiles(root: string, files: readonly string[]): Promise<Record<string, string>> {
  const entries = await Promise.all(
    files.map(async (file) => {
      const contents = await readFile(join(root, file)).catch(() => undefined);
      return contents ? [[file, createHash('sha1').update(contents).digest('hex').slice(0, 16)] as const] : [];
    }),
  );
  return Object.fromEntries(entries.flat());
}
