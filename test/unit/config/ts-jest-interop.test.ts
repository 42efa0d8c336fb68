import { describe, expect, it } from 'vitest';
import { tsJestWithoutInterop } from '../../../src/config/ts-jest-interop.js';
import { inProject } from '../../helpers/in-project.js';

const NO_INTEROP = JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true } });
const INTEROP = JSON.stringify({ compilerOptions: { esModuleInterop: true } });

describe("tsJestWithoutInterop: whether ts-jest compiles a suite's imports without esModuleInterop", () => {
  it("is so for ts-jest's preset or transform with a tsconfig that leaves esModuleInterop off (TypeScript's default)", async () => {
    await inProject({ 'tsconfig.json': NO_INTEROP }, async (dir) => {
      expect(tsJestWithoutInterop({ preset: 'ts-jest' }, dir)).toBe(true);
      expect(tsJestWithoutInterop({ transform: { '^.+\\.tsx?$': 'ts-jest' } }, dir)).toBe(true);
      expect(tsJestWithoutInterop({ transform: { '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }] } }, dir)).toBe(true);
    });
  });

  it('is not when the tsconfig turns esModuleInterop on, also through `extends`, or in the inline options', async () => {
    await inProject({ 'tsconfig.json': INTEROP }, async (dir) => {
      expect(tsJestWithoutInterop({ preset: 'ts-jest' }, dir)).toBe(false);
    });
    await inProject({ 'base.json': INTEROP, 'tsconfig.json': JSON.stringify({ extends: './base.json' }) }, async (dir) => {
      expect(tsJestWithoutInterop({ preset: 'ts-jest' }, dir)).toBe(false);
    });
    await inProject({ 'tsconfig.json': NO_INTEROP }, async (dir) => {
      expect(tsJestWithoutInterop({ transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { esModuleInterop: true } }] } }, dir)).toBe(false);
      expect(tsJestWithoutInterop({ preset: 'ts-jest', globals: { 'ts-jest': { tsconfig: { esModuleInterop: true } } } }, dir)).toBe(false);
    });
  });

  it("reads the tsconfig ts-jest is given (from <rootDir>), else the one found from rootDir up", async () => {
    await inProject({ 'tsconfig.json': INTEROP, 'tsconfig.test.json': NO_INTEROP, 'pkg/jest.config.js': '' }, async (dir) => {
      expect(tsJestWithoutInterop({ transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] } }, dir)).toBe(true);
      expect(tsJestWithoutInterop({ preset: 'ts-jest' }, `${dir}/pkg`)).toBe(false);
    });
  });

  it('is not when Babel compiles too (babel-jest beside it, ts-jest handing over to Babel) or in ts-jest\'s ES module mode, nor without ts-jest', async () => {
    await inProject({ 'tsconfig.json': NO_INTEROP }, async (dir) => {
      expect(tsJestWithoutInterop({ transform: { '^.+\\.ts$': 'ts-jest', '^.+\\.js$': 'babel-jest' } }, dir)).toBe(false);
      expect(tsJestWithoutInterop({ preset: 'ts-jest/presets/js-with-babel' }, dir)).toBe(false);
      expect(tsJestWithoutInterop({ transform: { '^.+\\.ts$': ['ts-jest', { babelConfig: true }] } }, dir)).toBe(false);
      expect(tsJestWithoutInterop({ transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] } }, dir)).toBe(false);
      expect(tsJestWithoutInterop({}, dir)).toBe(false);
    });
  });
});
