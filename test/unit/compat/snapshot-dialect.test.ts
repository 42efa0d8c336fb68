import { expect, it } from 'vitest';
import { importsVitest } from '../../../src/compat/snapshots.js';

it("a file importing Vitest's API, from Vitest or from Vite+, was written for Vitest", () => {
  expect(importsVitest("import { describe, it } from 'vitest';")).toBe(true);
  expect(importsVitest('import { vi } from "vite-plus/test";')).toBe(true);
  expect(importsVitest("import { expect } from '@jest/globals';")).toBe(false);
  expect(importsVitest("import { helper } from 'vite-plus/testing-kit';")).toBe(false);
});
