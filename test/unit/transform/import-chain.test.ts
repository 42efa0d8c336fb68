import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleFile } from '../../../src/transform/bundle-file.js';
import type { ImportChain } from '../../../src/transform/import-chain.js';
import { project, testOptions } from './project.js';

/** the import chain a failed build's error carries, or 'built' */
async function chainOf(dir: string, file: string, suite: Record<string, unknown> = {}, traceFailures = true): Promise<string[] | undefined | 'built'> {
  try {
    await bundleFile(join(dir, file), { ...testOptions(dir, suite), traceFailures });
    return 'built';
  } catch (error) {
    return (error as Partial<ImportChain>).importChain;
  }
}

describe('the import chain of a failed build', () => {
  it('runs from the failing module back to the test file that reached it', async () => {
    const dir = project({
      'src/deep/leaf.ts': "import './gone';\nexport const value = 1;",
      'src/mid.ts': "export { value } from './deep/leaf';",
      'a.test.ts': "import { value } from './src/mid';\nexport { value };",
    });
    expect(await chainOf(dir, 'a.test.ts')).toEqual([join(dir, 'src/deep/leaf.ts'), join(dir, 'src/mid.ts'), join(dir, 'a.test.ts')]);
  });

  it('ends at the setup file that reached the failing module', async () => {
    const dir = project({
      'src/broken.ts': 'export const = ;',
      'src/uses.ts': "import './broken';\nexport const x = 1;",
      'setup.ts': "import './src/uses';",
      'a.test.ts': 'export {};',
    });
    expect(await chainOf(dir, 'a.test.ts', { setupFiles: [join(dir, 'setup.ts')] })).toEqual([join(dir, 'src/broken.ts'), join(dir, 'src/uses.ts'), join(dir, 'setup.ts')]);
  });

  it('runs through the stand-in of a mocked module to the file that mocks it', async () => {
    const dir = project({
      'src/broken.ts': 'export const = ;',
      'src/uses.ts': "import './broken';\nexport const x = 1;",
      'a.test.ts': "import { jest } from '@jest/globals';\njest.mock('./src/uses');\nexport {};",
    });
    expect(await chainOf(dir, 'a.test.ts')).toEqual([join(dir, 'src/broken.ts'), join(dir, 'src/uses.ts'), join(dir, 'a.test.ts')]);
  });

  it('is not traced for a failure in the test file itself, nor unless asked', async () => {
    const dir = project({ 'a.test.ts': "import './gone';", 'b.test.ts': "import './src/x';", 'src/x.ts': "import './gone';" });
    expect(await chainOf(dir, 'a.test.ts')).toBeUndefined();
    expect(await chainOf(dir, 'b.test.ts', {}, false)).toBeUndefined();
    expect(await chainOf(dir, 'b.test.ts')).toEqual([join(dir, 'src/x.ts'), join(dir, 'b.test.ts')]);
  });
});
