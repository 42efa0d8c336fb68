import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The suite's own Jest, when it has one: its major version decides how its snapshots were printed. */
export function installedJestMajor(root: string): number | undefined {
  // a suite may have only jest-cli (Jest 20's way), which carries Jest's version as well
  for (const name of ['jest', 'jest-cli']) {
    try {
      const manifest = createRequire(join(root, 'package.json')).resolve(`${name}/package.json`);
      return Number.parseInt((JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version, 10);
    } catch {
      // the next name, or none
    }
  }
  return undefined;
}
