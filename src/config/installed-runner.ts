import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The suite's own Jest, when it has one: its major version decides how its snapshots were printed. */
export function installedJestMajor(root: string): number | undefined {
  // a suite may have only jest-cli (Jest 20's way), which carries Jest's version as well
  return installedMajor(root, ['jest', 'jest-cli']);
}

/** The suite's own Vitest, when it has one: its major version decides how its mocks reset. */
export function installedVitestMajor(root: string): number | undefined {
  return installedMajor(root, ['vitest']);
}

/** The suite's own Vite (Vitest's), when it has one: Vite 8 compiles JSX with the automatic runtime by default. */
export function installedViteMajor(root: string): number | undefined {
  return installedMajor(root, ['vite']);
}

function installedMajor(root: string, names: readonly string[]): number | undefined {
  for (const name of names) {
    try {
      const manifest = createRequire(join(root, 'package.json')).resolve(`${name}/package.json`);
      return Number.parseInt((JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version, 10);
    } catch {
      // the next name, or none
    }
  }
  return undefined;
}
